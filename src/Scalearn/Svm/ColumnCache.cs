using System.Runtime.CompilerServices;
namespace Scalearn.Svm;

/// <summary>
/// Least-recently-used store of Q columns, bounded by a byte budget (scikit-learn's cache_size) but always holding at
/// least two columns, which is what one SMO step needs at once.
/// </summary>
internal sealed class ColumnCache : IDisposable
{
    private readonly int[] _slot;
    private double[] _slab;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly int _capacity;
    private readonly int _length;
    private int _count;

    public ColumnCache(int columns, int length, long budgetBytes)
    {
        _length = length;
        _slot = new int[columns];
        Array.Fill(_slot, -1);
        _prev = new int[columns + 1];
        _next = new int[columns + 1];
        _capacity = (int)Math.Clamp(Math.Min(budgetBytes / sizeof(double), Array.MaxLength) / Math.Max(1L, length), 2, columns);
        int head = columns;
        _prev[head] = _next[head] = head;
        _slab = System.Buffers.ArrayPool<double>.Shared.Rent(_capacity * length);
    }

    public void Dispose()
    {
        if (_slab.Length > 0) System.Buffers.ArrayPool<double>.Shared.Return(_slab);
        _slab = [];
    }

    public bool Contains(int i) => _slot[i] >= 0;

    /// <summary>Returns the cached column, or a buffer to fill (<paramref name="fill"/> = true) now owned by column i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Span<double> Get(int i, out bool fill)
    {
        int head = _slot.Length;
        int slot = _slot[i];
        if (slot >= 0)
        {
            Unlink(i);
            fill = false;
        }
        else
        {
            if (_count < _capacity) slot = _count++;
            else
            {
                int victim = _prev[head];
                Unlink(victim);
                slot = _slot[victim];
                _slot[victim] = -1;
            }
            _slot[i] = slot;
            fill = true;
        }
        // Insert at the front (most recently used).
        _next[i] = _next[head];
        _prev[i] = head;
        _prev[_next[head]] = i;
        _next[head] = i;
        return _slab.AsSpan(slot * _length, _length);
    }

    private void Unlink(int i)
    {
        _next[_prev[i]] = _next[i];
        _prev[_next[i]] = _prev[i];
    }
}
