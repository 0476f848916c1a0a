using System.Diagnostics;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.Logging;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// Runs the tasks of one <see cref="TaskBatchMessage"/> in order and streams their results to the driver. Anything
/// malformed is rejected and logged without taking the worker down; a task whose fit throws becomes an error result.
/// </summary>
internal sealed partial class TaskBatchHandler(
    IBus bus, BlobCache cache, CancelledBatches cancelled, Func<FitTask, Dataset, Folds, FitResult> runTask, string workerName, ILogger logger)
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan BlobTimeout = TimeSpan.FromSeconds(30);
    private int _inFlight, _busy;

    public int InFlight => Volatile.Read(ref _inFlight);
    public int Busy => Volatile.Read(ref _busy);

    public async Task HandleAsync(ConsumeContext<TaskBatchMessage> context)
    {
        var message = context.Message;
        if (Invalid(message) is { } reason)
        {
            logger.LogWarning("Rejected a task message: {Reason}", reason);
            return;
        }
        string batch = message.BatchId.ToString("N")[..8];
        if (cancelled.Contains(message.BatchId))
        {
            logger.LogDebug("Dropped {Count} tasks of cancelled batch {Batch}", message.Tasks.Length, batch);
            return;
        }
        var reply = await context.GetSendEndpoint(BrokerConnection.EndpointExchangeUri(message.ReplyTo));
        int reported = 0;
        Interlocked.Increment(ref _busy);
        try
        {
            await RunBatchAsync(context, reply, batch, sent => reported = sent);
        }
        catch (InvalidDataException e)
        {
            // The data cannot be had (forged or corrupt blob, driver no longer holds it): report the tasks this message
            // still held as failed rather than leave the driver waiting. Transport errors are not caught here: the
            // message is then retried or redelivered, and duplicate results are ignored by the driver.
            logger.LogError("Batch {Batch} failed on this worker: {Reason}", batch, e.Message);
            var errors = message.Tasks.Skip(reported).Select(TaskJson.TryReadIdentity).OfType<TaskIdentity>()
                .Select(id => ResultJson.Write(id.Error("Worker could not run the task: " + e.Message))).ToList();
            if (errors.Count > 0) await SendAsync(reply, message.BatchId, errors, context.CancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    private async Task RunBatchAsync(ConsumeContext<TaskBatchMessage> context, ISendEndpoint reply, string batch, Action<int> reportedSoFar)
    {
        var message = context.Message;
        Dataset data;
        Folds folds;
        try
        {
            data = await cache.GetAsync(message.DatasetHash, () => FetchAsync(message.ReplyTo, message.DatasetHash, DatasetCodec.Decode, context.CancellationToken));
            folds = await cache.GetAsync(message.FoldsHash, () => FetchAsync(message.ReplyTo, message.FoldsHash, FoldsCodec.Decode, context.CancellationToken));
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("could not load the data: " + e.Message, e);
        }
        catch (RequestTimeoutException)
        {
            logger.LogWarning("Dropped batch {Batch}: its driver did not send the data within {Seconds} s (it has probably ended)", batch, BlobTimeout.TotalSeconds);
            reportedSoFar(message.Tasks.Length);
            return;
        }

        var pending = new List<string>();
        var sinceFlush = Stopwatch.StartNew();
        int index = 0;
        // One send is kept in flight while the next tasks run: waiting for the broker's confirmation after every flush
        // would leave the slot idle for a round trip each time. The message is acknowledged (by returning) only after
        // every result is confirmed, so a worker that dies mid-message has its tasks redelivered.
        Task sending = Task.CompletedTask;
        int sendingUpTo = 0;
        foreach (var json in message.Tasks)
        {
            if (cancelled.Contains(message.BatchId))
            {
                logger.LogDebug("Batch {Batch} cancelled; dropping its remaining tasks", batch);
                break;
            }
            var result = await RunOneAsync(json, data, folds, batch);
            index++;
            if (result is not null) pending.Add(ResultJson.Write(result));
            if (sinceFlush.Elapsed >= FlushInterval && pending.Count > 0)
            {
                await sending;
                reportedSoFar(sendingUpTo);
                sending = SendAsync(reply, message.BatchId, [.. pending], context.CancellationToken);
                sendingUpTo = index;
                pending.Clear();
                sinceFlush.Restart();
            }
        }
        await sending;
        reportedSoFar(sendingUpTo);
        if (pending.Count > 0) await SendAsync(reply, message.BatchId, pending, context.CancellationToken);
    }

    private async Task<FitResult?> RunOneAsync(string json, Dataset data, Folds folds, string batch)
    {
        FitTask task;
        try
        {
            task = TaskJson.Read(json);
            if (task.Split >= folds.Count) throw new InvalidDataException($"Split {task.Split} does not exist; the folds have {folds.Count}.");
        }
        catch (InvalidDataException e)
        {
            logger.LogWarning("Rejected a task of batch {Batch}: {Reason}", batch, e.Message);
            return TaskJson.TryReadIdentity(json)?.Error("Rejected by worker: " + e.Message);
        }
        Interlocked.Increment(ref _inFlight);
        try
        {
            var clock = Stopwatch.StartNew();
            var result = await Task.Run(() => runTask(task, data, folds));
            logger.LogDebug("batch {Batch} candidate {Candidate} split {Split} {Estimator} {Seconds:F3}s {Outcome}",
                batch, task.Candidate, task.Split, task.Estimator.Type, clock.Elapsed.TotalSeconds, result.Error is null ? "ok" : "error: " + result.Error);
            return result;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private Task SendAsync(ISendEndpoint reply, Guid batchId, List<string> results, CancellationToken ct) =>
        reply.Send(new TaskResultsMessage { BatchId = batchId, Worker = workerName, Results = results.ToArray() }, ct);

    private async Task<(T Value, long Bytes)> FetchAsync<T>(string replyTo, string hash, Func<byte[], string, T> decode, CancellationToken ct)
    {
        var client = bus.CreateRequestClient<BlobRequest>(BrokerConnection.EndpointExchangeUri(replyTo), RequestTimeout.After(s: (int)BlobTimeout.TotalSeconds));
        byte[]? bytes = null;
        long offset = 0, total = -1;
        while (total < 0 || offset < total)
        {
            var response = await client.GetResponse<BlobChunk>(
                new BlobRequest { Hash = hash, Offset = offset, MaxBytes = WireLimits.ChunkBytes, Worker = workerName }, ct);
            var chunk = response.Message;
            if (chunk.Error is not null) throw new InvalidDataException($"Driver could not send blob {DatasetCodec.Short(hash)}: {chunk.Error}");
            if (chunk.Hash != hash || chunk.Offset != offset || chunk.TotalLength is < 0 or > WireLimits.MaxBlobBytes || (total >= 0 && chunk.TotalLength != total))
                throw new InvalidDataException($"Driver sent an inconsistent chunk of blob {DatasetCodec.Short(hash)}.");
            if (total < 0)
            {
                total = chunk.TotalLength;
                bytes = new byte[total];
            }
            var data = chunk.Data ?? [];
            if (data.Length == 0 && offset < total || offset + data.Length > total)
                throw new InvalidDataException($"Driver sent a chunk of the wrong size for blob {DatasetCodec.Short(hash)}.");
            data.CopyTo(bytes!, offset);
            offset += data.Length;
        }
        logger.LogDebug("Fetched blob {Hash} ({Bytes} bytes)", DatasetCodec.Short(hash), total);
        return (decode(bytes ?? [], hash), total);
    }

    /// <summary>Why a task message must be rejected before any work, or null when its envelope is acceptable.</summary>
    internal static string? Invalid(TaskBatchMessage m)
    {
        if (m.BatchId == Guid.Empty) return "missing batch id";
        if (!WireLimits.IsContentHash(m.DatasetHash) || !WireLimits.IsContentHash(m.FoldsHash)) return "dataset/folds hashes must be 64 lowercase hex digits";
        if (m.ReplyTo is null || !QueueName().IsMatch(m.ReplyTo)) return "reply queue name is missing or not a plain queue name";
        if (m.Tasks is null || m.Tasks.Length is 0 or > WireLimits.MaxTasksPerMessage) return $"a message must hold 1-{WireLimits.MaxTasksPerMessage} tasks";
        if (m.Tasks.Any(t => t is null || t.Length > WireLimits.MaxTaskJsonChars)) return $"a task is missing or longer than {WireLimits.MaxTaskJsonChars} characters";
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,250}$")]
    private static partial Regex QueueName();
}
