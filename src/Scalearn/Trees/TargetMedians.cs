namespace Scalearn.Trees;

/// <summary>
/// Weighted medians and absolute deviations of sets of rows for absolute_error trees: a Fenwick tree over the ranks of
/// the distinct target values holds each rank's weight and weighted target sum, so adding a row, finding the weighted
/// median and the sum of w |y - median| cost O(log distinct targets). Every pass clears what it added exactly
/// (the touched cells are zeroed, not subtracted), so no rounding carries over from node to node.
/// </summary>
internal sealed class TargetMedians
{
    private readonly double[] _target;
    private readonly int[] _rank;
    private readonly double[] _values;
    private readonly double[] _weight;
    private readonly double[] _sum;
    private readonly double[] _deviations;
    private readonly int _highBit;
    private double _totalWeight;
    private double _totalSum;

    public TargetMedians(double[] target, int rows)
    {
        _target = target;
        var sorted = (double[])target.Clone();
        var order = new int[target.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(sorted, order);
        _rank = new int[target.Length];
        var values = new List<double>();
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1]) values.Add(sorted[i]);
            _rank[order[i]] = values.Count - 1;
        }
        _values = values.ToArray();
        _weight = new double[_values.Length + 1];
        _sum = new double[_values.Length + 1];
        _deviations = new double[rows + 1];
        _highBit = 1;
        while (_highBit * 2 <= _values.Length) _highBit *= 2;
    }

    /// <summary>Adds (or, with a negative weight, removes) a row.</summary>
    public void Add(int row, double weight)
    {
        double weighted = weight * _target[row];
        for (int k = _rank[row] + 1; k < _weight.Length; k += k & -k)
        {
            _weight[k] += weight;
            _sum[k] += weighted;
        }
        _totalWeight += weight;
        _totalSum += weighted;
    }

    /// <summary>Sum of w |y - median| over the rows added.</summary>
    public double Deviation()
    {
        if (_totalWeight <= 0) return 0;
        int k = FirstReaching(_totalWeight / 2, strict: false);
        double median = _values[k];
        var (below, belowSum) = Prefix(k);
        return median * below - belowSum + (_totalSum - belowSum) - median * (_totalWeight - below);
    }

    /// <summary>Deviation of rows[i, m) for every i in [1, m), by adding the rows from the right; leaves nothing added.</summary>
    public double[] SuffixDeviations(int[] rows, int m, double[] weight)
    {
        for (int i = m - 1; i >= 1; i--)
        {
            Add(rows[i], weight[rows[i]]);
            _deviations[i] = Deviation();
        }
        Clear(rows, 1, m);
        return _deviations;
    }

    /// <summary>
    /// scikit-learn's weighted median of samples[start, end) (the smallest value whose cumulative weight reaches half the
    /// total; the mean of it and the next value when the cumulative weight is exactly half) and the sum of w |y - median|.
    /// </summary>
    public (double Median, double Deviation) MedianAndDeviation(int[] samples, int start, int end, double[] weight)
    {
        for (int i = start; i < end; i++) Add(samples[i], weight[samples[i]]);
        double median = 0, deviation = 0;
        if (_totalWeight > 0)
        {
            int k = FirstReaching(_totalWeight / 2, strict: false);
            median = _values[k];
            if (Prefix(k).Weight == _totalWeight / 2) median = (median + _values[FirstReaching(_totalWeight / 2, strict: true)]) / 2;
            deviation = Deviation();
        }
        Clear(samples, start, end);
        return (median, deviation);
    }

    /// <summary>Removes rows[start, end) (all the rows added since the last clear).</summary>
    public void Clear(int[] rows, int start, int end)
    {
        for (int i = start; i < end; i++)
            for (int k = _rank[rows[i]] + 1; k < _weight.Length; k += k & -k)
            {
                _weight[k] = 0;
                _sum[k] = 0;
            }
        _totalWeight = 0;
        _totalSum = 0;
    }

    /// <summary>The first rank whose cumulative weight is &gt;= target (&gt; target when strict).</summary>
    private int FirstReaching(double target, bool strict)
    {
        int position = 0;
        for (int step = _highBit; step > 0; step >>= 1)
        {
            int next = position + step;
            if (next >= _weight.Length) continue;
            if (strict ? _weight[next] <= target : _weight[next] < target)
            {
                position = next;
                target -= _weight[next];
            }
        }
        return Math.Min(position, _values.Length - 1);
    }

    /// <summary>Weight and weighted target sum of ranks [0, k].</summary>
    private (double Weight, double Sum) Prefix(int k)
    {
        double w = 0, s = 0;
        for (int i = k + 1; i > 0; i -= i & -i)
        {
            w += _weight[i];
            s += _sum[i];
        }
        return (w, s);
    }
}
