namespace Scalearn.Cluster.Worker;

/// <summary>
/// Decoded blobs (datasets, folds) by content hash, bounded by total blob bytes with least-recently-used eviction.
/// Concurrent requests for the same hash share one fetch, so every blob crosses the network once per worker.
/// </summary>
internal sealed class BlobCache(long capacityBytes)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new();
    private readonly LinkedList<Entry> _lru = new();
    private readonly Dictionary<string, Task<object>> _fetching = new();
    private long _bytes;

    public long Bytes { get { lock (_entries) return _bytes; } }

    public async Task<T> GetAsync<T>(string hash, Func<Task<(T Value, long Bytes)>> fetch) where T : class
    {
        Task<object> pending;
        lock (_entries)
        {
            if (_entries.TryGetValue(hash, out var node))
            {
                _lru.Remove(node);
                _lru.AddFirst(node);
                return node.Value.Value as T ?? throw new InvalidDataException($"Blob {hash} is not a {typeof(T).Name}.");
            }
            if (!_fetching.TryGetValue(hash, out pending!))
            {
                pending = FetchAndStoreAsync(hash, fetch);
                _fetching[hash] = pending;
            }
        }
        return await pending as T ?? throw new InvalidDataException($"Blob {hash} is not a {typeof(T).Name}.");
    }

    private async Task<object> FetchAndStoreAsync<T>(string hash, Func<Task<(T Value, long Bytes)>> fetch) where T : class
    {
        await Task.Yield();
        try
        {
            var (value, bytes) = await fetch();
            lock (_entries)
            {
                _entries[hash] = _lru.AddFirst(new Entry(hash, value, bytes));
                _bytes += bytes;
                // Keep at least the newest entry even when it alone exceeds the capacity: the running batch needs it.
                while (_bytes > capacityBytes && _lru.Count > 1)
                {
                    var oldest = _lru.Last!;
                    _lru.RemoveLast();
                    _entries.Remove(oldest.Value.Hash);
                    _bytes -= oldest.Value.Bytes;
                }
            }
            return value;
        }
        finally
        {
            lock (_entries) _fetching.Remove(hash);
        }
    }

    private sealed record Entry(string Hash, object Value, long Bytes);
}
