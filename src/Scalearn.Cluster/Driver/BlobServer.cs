using System.Collections.Concurrent;
using Scalearn.Cluster.Wire;
using Scalearn.Execution.Blobs;

namespace Scalearn.Cluster.Driver;

/// <summary>
/// The shared inputs of this driver's jobs, served to workers by ranges straight from the inputs (no encoded copy), and
/// who holds what (a worker that fetched an input, or ran a task with the copy its message carried, holds it, which
/// placement uses).
/// </summary>
internal sealed class BlobServer
{
    private readonly Dictionary<string, (IBlob Blob, HashSet<Guid> Jobs)> _blobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bytesByWorker = new();
    private readonly ConcurrentDictionary<(string Worker, string Id), byte> _fetched = new();

    public IReadOnlyDictionary<string, long> BytesServedByWorker => _bytesByWorker;

    public void Register(Guid job, IBlob blob)
    {
        if (!WireLimits.IsContentHash(blob.Id)) throw new ArgumentException($"Input id '{blob.Id}' is not a SHA-256 content hash (64 lowercase hex digits).");
        if (blob.Length > WireLimits.MaxBlobBytes) throw new ArgumentException($"Input {WireLimits.Short(blob.Id)} has {blob.Length} bytes; at most {WireLimits.MaxBlobBytes} can be shipped.");
        lock (_blobs)
        {
            if (!_blobs.TryGetValue(blob.Id, out var entry)) _blobs[blob.Id] = entry = (blob, []);
            entry.Jobs.Add(job);
        }
    }

    public bool Has(Guid job, string id) => Find(job, id) is not null;

    /// <summary>Input <paramref name="id"/> if job <paramref name="job"/> shares it.</summary>
    public IBlob? Find(Guid job, string id)
    {
        lock (_blobs) return _blobs.TryGetValue(id, out var entry) && entry.Jobs.Contains(job) ? entry.Blob : null;
    }

    /// <summary>One job lets go of one input; it is dropped once no job shares it.</summary>
    public void Unregister(Guid job, string id)
    {
        lock (_blobs)
            if (_blobs.TryGetValue(id, out var entry) && entry.Jobs.Remove(job) && entry.Jobs.Count == 0) _blobs.Remove(id);
    }

    public void Release(Guid job)
    {
        lock (_blobs)
        {
            foreach (var id in _blobs.Where(kv => kv.Value.Jobs.Remove(job) && kv.Value.Jobs.Count == 0).Select(kv => kv.Key).ToList())
                _blobs.Remove(id);
        }
    }

    public bool Fetched(string worker, string id) => _fetched.ContainsKey((worker, id));

    /// <summary>A task reading <paramref name="id"/> ran on <paramref name="worker"/>: it holds the input, also one that came inline and was never fetched.</summary>
    public void MarkHeld(string worker, string id) => _fetched[(worker, id)] = 0;

    public BlobChunk Serve(BlobRequest request)
    {
        var blob = Find(request.Job, request.Id);
        if (blob is null) return new BlobChunk(request.Id, "", 0, 0, [], "The driver holds no such input for that job (the job has ended).");
        if (request.Offset > blob.Length)
            return new BlobChunk(request.Id, blob.Format, request.Offset, blob.Length, [], $"Offset {request.Offset} is past the input's {blob.Length} bytes.");
        int length = (int)Math.Min(request.MaxBytes, blob.Length - request.Offset);
        var data = new byte[length];
        blob.Read(request.Offset, data);
        _bytesByWorker.AddOrUpdate(request.Worker, length, (_, total) => total + length);
        if (request.Offset + length == blob.Length) _fetched[(request.Worker, request.Id)] = 0;
        return new BlobChunk(request.Id, blob.Format, request.Offset, blob.Length, data, null);
    }
}
