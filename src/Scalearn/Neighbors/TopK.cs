namespace Scalearn.Neighbors;

/// <summary>
/// The best <c>capacity</c> candidates seen so far for one query, kept sorted by (key, index) by insertion;
/// k is small, so this beats a heap. Ordering ties by index makes the result independent of the visiting order.
/// </summary>
internal struct TopK<TKey> where TKey : struct, IComparable<TKey>
{
    private readonly TKey[] _keys;
    private readonly int[] _indices;
    private readonly int _offset;
    private readonly int _capacity;

    public TopK(TKey[] keys, int[] indices, int offset, int capacity)
    {
        _keys = keys;
        _indices = indices;
        _offset = offset;
        _capacity = capacity;
        Count = 0;
    }

    public int Count { get; private set; }
    public bool IsFull => Count == _capacity;
    public TKey Worst => _keys[_offset + Count - 1];
    public TKey Key(int i) => _keys[_offset + i];
    public int Index(int i) => _indices[_offset + i];

    public void Reset() => Count = 0;

    /// <summary>Inserts when better than the worst kept (or not yet full); returns whether it was inserted.</summary>
    public bool TryInsert(TKey key, int index)
    {
        int pos = Count;
        if (pos == _capacity)
        {
            int last = _offset + pos - 1;
            int c = key.CompareTo(_keys[last]);
            if (c > 0 || (c == 0 && index >= _indices[last])) return false;
            pos--;
        }
        else Count++;
        while (pos > 0)
        {
            int prev = _offset + pos - 1;
            int c = key.CompareTo(_keys[prev]);
            if (c > 0 || (c == 0 && index > _indices[prev])) break;
            _keys[prev + 1] = _keys[prev];
            _indices[prev + 1] = _indices[prev];
            pos--;
        }
        _keys[_offset + pos] = key;
        _indices[_offset + pos] = index;
        return true;
    }
}
