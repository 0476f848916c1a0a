using System.Collections.Concurrent;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;

namespace Scalearn.Cluster.Driver;

/// <summary>
/// The driver's content-addressed blobs (encoded datasets and folds) that workers fetch in chunks. A blob is encoded
/// once and kept while some running batch references it.
/// </summary>
internal sealed class BlobStore
{
    private readonly Dictionary<string, (Lazy<byte[]> Bytes, int References)> _blobs = new();
    private readonly ConcurrentDictionary<string, long> _bytesByWorker = new();

    public IReadOnlyDictionary<string, long> BytesServedByWorker => _bytesByWorker;

    public IDisposable Register(string hash, Func<byte[]> encode)
    {
        lock (_blobs)
        {
            _blobs[hash] = _blobs.TryGetValue(hash, out var entry)
                ? (entry.Bytes, entry.References + 1)
                : (new Lazy<byte[]>(encode, LazyThreadSafetyMode.ExecutionAndPublication), 1);
        }
        return new Registration(this, hash);
    }

    public BlobChunk Serve(BlobRequest request)
    {
        Lazy<byte[]>? bytes;
        lock (_blobs) bytes = _blobs.TryGetValue(request.Hash ?? "", out var entry) ? entry.Bytes : null;
        if (bytes is null) return new BlobChunk { Hash = request.Hash ?? "", Error = "The driver holds no blob with this hash (its batch has ended)." };
        var all = bytes.Value;
        if (request.Offset < 0 || request.Offset > all.Length)
            return new BlobChunk { Hash = request.Hash!, TotalLength = all.Length, Error = $"Offset {request.Offset} is outside the blob of {all.Length} bytes." };
        int length = (int)Math.Min(Math.Clamp(request.MaxBytes, 1, WireLimits.ChunkBytes), all.Length - request.Offset);
        var data = all.AsSpan((int)request.Offset, length).ToArray();
        _bytesByWorker.AddOrUpdate(request.Worker ?? "", length, (_, total) => total + length);
        return new BlobChunk { Hash = request.Hash!, Offset = request.Offset, TotalLength = all.Length, Data = data };
    }

    private void Release(string hash)
    {
        lock (_blobs)
        {
            if (!_blobs.TryGetValue(hash, out var entry)) return;
            if (entry.References <= 1) _blobs.Remove(hash);
            else _blobs[hash] = (entry.Bytes, entry.References - 1);
        }
    }

    private sealed class Registration(BlobStore store, string hash) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) store.Release(hash);
        }
    }
}
