namespace Scalearn.Execution;

/// <summary>
/// Objects a process keeps between tasks (decoded inputs, built indexes, loaded models, cached partitions) by key, bounded
/// by their total size with least-recently-used eviction. Concurrent requests for one key share one creation, so an
/// input crosses the network once per worker however many tasks need it at once.
/// </summary>
public sealed class ResidentCache(long capacityBytes)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly Dictionary<string, Task<object>> _creating = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>
    /// Key of state a task holds for later tasks of the same lineage (a learner between rungs, a built index): the
    /// worker lists such ids in its heartbeat, so a task whose <c>PreferredInput</c> is that id is placed here.
    /// </summary>
    public static string HeldKey(string id) => "held:" + id;

    /// <summary>Key under which a worker keeps a fetched shared input (decoded) by its id.</summary>
    public static string InputKey(string id) => "input:" + id;

    /// <summary>Ids of the held state and inputs this process keeps (placement ids), most recently used first.</summary>
    public IReadOnlyList<string> PlacementIds => Keys.Where(k => k.StartsWith("held:", StringComparison.Ordinal) || k.StartsWith("input:", StringComparison.Ordinal))
        .Select(k => k[(k.IndexOf(':') + 1)..]).ToArray();

    public long CapacityBytes { get; } = capacityBytes > 0 ? capacityBytes : throw new ArgumentOutOfRangeException(nameof(capacityBytes));

    public long Bytes { get { lock (_entries) return _bytes; } }

    /// <summary>Keys currently held, most recently used first.</summary>
    public IReadOnlyList<string> Keys { get { lock (_entries) return _lru.Select(e => e.Key).ToArray(); } }

    public bool Contains(string key)
    {
        lock (_entries) return _entries.ContainsKey(key);
    }

    public bool TryGet<T>(string key, out T value) where T : class
    {
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                Touch(node);
                value = node.Value.Value as T ?? throw new InvalidDataException($"Cached '{key}' is not a {typeof(T).Name}.");
                return true;
            }
        }
        value = null!;
        return false;
    }

    public T GetOrAdd<T>(string key, Func<(T Value, long Bytes)> create) where T : class =>
        GetOrAddAsync(key, () => ValueTask.FromResult(create())).AsTask().GetAwaiter().GetResult();

    public async ValueTask<T> GetOrAddAsync<T>(string key, Func<ValueTask<(T Value, long Bytes)>> create) where T : class
    {
        Task<object> pending;
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                Touch(node);
                return node.Value.Value as T ?? throw new InvalidDataException($"Cached '{key}' is not a {typeof(T).Name}.");
            }
            if (!_creating.TryGetValue(key, out pending!))
            {
                pending = CreateAsync(key, create);
                _creating[key] = pending;
            }
        }
        return await pending.ConfigureAwait(false) as T ?? throw new InvalidDataException($"Cached '{key}' is not a {typeof(T).Name}.");
    }

    public void Remove(string key)
    {
        lock (_entries)
        {
            if (!_entries.Remove(key, out var node)) return;
            _lru.Remove(node);
            _bytes -= node.Value.Bytes;
        }
    }

    private async Task<object> CreateAsync<T>(string key, Func<ValueTask<(T Value, long Bytes)>> create) where T : class
    {
        await Task.Yield();
        try
        {
            var (value, bytes) = await create().ConfigureAwait(false);
            lock (_entries)
            {
                _entries[key] = _lru.AddFirst(new Entry(key, value, Math.Max(0, bytes)));
                _bytes += Math.Max(0, bytes);
                // The newest entry stays even when it alone exceeds the capacity: the task that asked for it needs it.
                while (_bytes > CapacityBytes && _lru.Count > 1)
                {
                    var oldest = _lru.Last!;
                    _lru.RemoveLast();
                    _entries.Remove(oldest.Value.Key);
                    _bytes -= oldest.Value.Bytes;
                }
            }
            return value;
        }
        finally
        {
            lock (_entries) _creating.Remove(key);
        }
    }

    private void Touch(LinkedListNode<Entry> node)
    {
        _lru.Remove(node);
        _lru.AddFirst(node);
    }

    private sealed record Entry(string Key, object Value, long Bytes);
}
