using System.IO.Pipelines;
using MassTransit;
using Microsoft.Extensions.Logging;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// Gets a job's shared inputs into the worker's resident cache: each input is fetched once (concurrent tasks share the
/// fetch), chunk by chunk from the driver that shares it, and decoded by its allow-listed format while the next chunk is
/// on its way, so neither side holds a second, encoded copy of a large input. A small input that came inside the task
/// message is decoded from that copy instead, into the same cache entry.
/// </summary>
internal sealed class InputFetcher(IBus bus, ResidentCache cache, MessageAuth auth, DriverLeases leases, string workerName, ILogger logger)
{
    public static readonly TimeSpan ChunkTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Fetches after the one this task joined was stopped with another task or job (its driver was killed, say).</summary>
    private const int MaxJoinedFetchesStopped = 3;

    public async ValueTask<object> GetAsync(TaskEnvelope job, string id, CancellationToken ct)
    {
        if (!WireLimits.IsContentHash(id)) throw new InvalidDataException($"Input id '{id}' is not a content hash.");
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var inline = job.InlineCopy(id);
                return await cache.GetOrAddAsync(ResidentCache.InputKey(id), () => inline is null ? FetchAsync(job, id, ct) : DecodeInlineAsync(inline, ct));
            }
            // The fetch in flight that this task shared was started by another task, perhaps of another driver's job, and
            // stopped with it: this task's own driver still sends the input.
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && attempt < MaxJoinedFetchesStopped)
            {
            }
        }
    }

    private async ValueTask<(object Value, long Bytes)> DecodeInlineAsync(InlineInput input, CancellationToken ct)
    {
        var decoded = await input.DecodeAsync(ct);
        logger.LogDebug("Decoded inline input {Id} ({Format}, {Bytes} bytes)", WireLimits.Short(input.Id), input.Format, input.Bytes.Length);
        return decoded;
    }

    private async ValueTask<(object Value, long Bytes)> FetchAsync(TaskEnvelope job, string id, CancellationToken ct)
    {
        using var waiting = leases.Fetching(job.Driver);
        var client = bus.CreateRequestClient<BlobRequestMessage>(BrokerConnection.EndpointExchangeUri(job.ReplyTo), RequestTimeout.After(s: (int)ChunkTimeout.TotalSeconds));
        var first = await RequestAsync(client, job.Job, id, 0, ct);
        if (!BlobFormats.TryGet(first.Format, out var format))
            throw new InvalidDataException($"Input {WireLimits.Short(id)} has format '{first.Format}', which this worker does not decode (add it with --plugin).");
        if (first.Total is < 0 or > WireLimits.MaxBlobBytes) throw new InvalidDataException($"Input {WireLimits.Short(id)} declares {first.Total} bytes.");
        long total = first.Total;
        var pipe = new System.IO.Pipelines.Pipe(new PipeOptions(pauseWriterThreshold: 2L * WireLimits.ChunkBytes, resumeWriterThreshold: WireLimits.ChunkBytes));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var produce = ProduceAsync(client, job.Job, id, first, pipe.Writer, stop.Token);
        try
        {
            await using var stream = pipe.Reader.AsStream();
            var (value, bytes) = await format.DecodeAsync(stream, total, id, stop.Token);
            await produce;
            logger.LogDebug("Fetched input {Id} ({Format}, {Bytes} bytes)", WireLimits.Short(id), first.Format, total);
            return (value, bytes);
        }
        catch
        {
            stop.Cancel();
            try { await produce; } catch { /* the decoder's error is the one to report */ }
            throw;
        }
    }

    /// <summary>
    /// Feeds the chunks to the decoder in order, asking for the next one before handing over the current one: the
    /// driver's reply travels while the decoder reads, instead of one round trip after another.
    /// </summary>
    private async Task ProduceAsync(IRequestClient<BlobRequestMessage> client, Guid job, string id, BlobChunk first, PipeWriter writer, CancellationToken ct)
    {
        Task<BlobChunk>? next = null;
        try
        {
            var chunk = first;
            long offset = 0;
            while (true)
            {
                long following = offset + chunk.Data.Length;
                next = following < first.Total ? RequestAsync(client, job, id, following, ct) : null;
                await writer.WriteAsync(chunk.Data, ct);
                if (next is null) break;
                offset = following;
                chunk = await next;
                next = null;
                if (chunk.Total != first.Total || chunk.Format != first.Format) throw new InvalidDataException($"Driver sent inconsistent chunks of input {WireLimits.Short(id)}.");
            }
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            next?.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);   // its failure, if any, is not the one to report
            await writer.CompleteAsync(e);
            throw;
        }
    }

    private async Task<BlobChunk> RequestAsync(IRequestClient<BlobRequestMessage> client, Guid job, string id, long offset, CancellationToken ct)
    {
        var body = new BlobRequest(job, id, offset, WireLimits.ChunkBytes, workerName).Encode();
        var response = await client.GetResponse<BlobChunkMessage>(auth.Seal(body, (b, mac) => new BlobRequestMessage { Body = b, Mac = mac }), ct);
        if (!auth.Verify(response.Message)) throw new InvalidDataException($"The answer for input {WireLimits.Short(id)} was not signed with the cluster key.");
        var chunk = BlobChunk.Decode(response.Message.Body);
        if (chunk.Error is not null) throw new InvalidDataException($"Driver could not send input {WireLimits.Short(id)}: {chunk.Error}");
        if (chunk.Id != id || chunk.Offset != offset || chunk.Data.Length == 0 && offset < chunk.Total || offset + chunk.Data.Length > chunk.Total)
            throw new InvalidDataException($"Driver sent a chunk of input {WireLimits.Short(id)} that is not the one requested.");
        return chunk;
    }
}
