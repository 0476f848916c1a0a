namespace Scalearn.Svm;

/// <summary>
/// Least-recently-used store of Q columns, bounded by a byte budget (scikit-learn's cache_size) but always holding at
/// least two columns, which is what one SMO step needs at once.
/// </summary>
internal sealed class ColumnCache
{
    private readonly double[]?[] _columns;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly int _capacity;
    private readonly int _length;
    private int _count;

    public ColumnCache(int columns, int length, long budgetBytes)
    {
        _length = length;
        _columns = new double[]?[columns];
        _prev = new int[columns + 1];
        _next = new int[columns + 1];
        _capacity = (int)Math.Clamp(budgetBytes / Math.Max(1L, (long)length * sizeof(double)), 2, columns);
        int head = columns;
        _prev[head] = _next[head] = head;
    }

    /// <summary>Returns the cached column, or a buffer to fill (<paramref name="fill"/> = true) now owned by column i.</summary>
    public double[] Get(int i, out bool fill)
    {
        int head = _columns.Length;
        var column = _columns[i];
        if (column is not null)
        {
            Unlink(i);
            fill = false;
        }
        else
        {
            if (_count < _capacity)
            {
                column = new double[_length];
                _count++;
            }
            else
            {
                int victim = _prev[head];
                Unlink(victim);
                column = _columns[victim]!;
                _columns[victim] = null;
            }
            _columns[i] = column;
            fill = true;
        }
        // Insert at the front (most recently used).
        _next[i] = _next[head];
        _prev[i] = head;
        _prev[_next[head]] = i;
        _next[head] = i;
        return column;
    }

    private void Unlink(int i)
    {
        _next[_prev[i]] = _next[i];
        _prev[_next[i]] = _prev[i];
    }
}
