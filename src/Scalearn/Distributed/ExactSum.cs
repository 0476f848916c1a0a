namespace Scalearn.Distributed;

/// <summary>
/// A sum of doubles held exactly, as non-overlapping partials (Shewchuk's expansions, the algorithm of Python's
/// math.fsum), rounded once when read. Partitions sum their own values and the driver merges the partials: the result
/// is the correctly rounded sum of all values whatever the partitioning and the order, so a decision taken on it (a
/// sampling threshold, the best of several runs) does not depend on how the data was split.
/// </summary>
internal sealed class ExactSum
{
    private double[] _partials = new double[4];
    private int _count;
    private double _special;   // the plain sum of infinities and NaNs, which expansions cannot hold

    public ExactSum() { }

    private ExactSum(double[] partials, double special)
    {
        _partials = partials.Length == 0 ? new double[4] : partials;
        _count = partials.Length;
        _special = special;
    }

    public void Add(double x)
    {
        if (!double.IsFinite(x))
        {
            _special += x;
            return;
        }
        int i = 0;
        for (int j = 0; j < _count; j++)
        {
            double y = _partials[j];
            if (Math.Abs(x) < Math.Abs(y)) (x, y) = (y, x);
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0) _partials[i++] = lo;
            x = hi;
        }
        if (i == _partials.Length) Array.Resize(ref _partials, i * 2);
        _partials[i] = x;
        _count = i + 1;
    }

    public void Add(ExactSum other)
    {
        for (int j = 0; j < other._count; j++) Add(other._partials[j]);
        _special += other._special;
    }

    /// <summary>The correctly rounded sum (round half to even), as math.fsum returns it.</summary>
    public double Value
    {
        get
        {
            if (_special != 0 || double.IsNaN(_special)) return _special + Rounded();
            return Rounded();
        }
    }

    private double Rounded()
    {
        int n = _count;
        if (n == 0) return 0;
        double hi = _partials[--n], lo = 0;
        while (n > 0)
        {
            double x = hi, y = _partials[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0) break;
        }
        // Half-way cases: the next partial decides whether the rounding of hi + lo went the right way.
        if (n > 0 && (lo < 0 && _partials[n - 1] < 0 || lo > 0 && _partials[n - 1] > 0))
        {
            double y = lo * 2, x = hi + y;
            if (y == x - hi) hi = x;
        }
        return hi;
    }

    /// <summary>The partials and the sum of non-finite values, for the wire.</summary>
    public double[] ToArray()
    {
        var result = new double[_count + 1];
        Array.Copy(_partials, result, _count);
        result[_count] = _special;
        return result;
    }

    /// <summary>The inverse of <see cref="ToArray"/>; throws <see cref="InvalidDataException"/> on a malformed array.</summary>
    public static ExactSum FromArray(double[] values)
    {
        if (values.Length == 0) throw new InvalidDataException("An exact sum needs at least its non-finite part.");
        var partials = values[..^1];
        if (partials.Any(p => !double.IsFinite(p))) throw new InvalidDataException("An exact sum's partials must be finite.");
        return new ExactSum(partials, values[^1]);
    }

    public static double Of(ReadOnlySpan<double> values)
    {
        var sum = new ExactSum();
        foreach (double v in values) sum.Add(v);
        return sum.Value;
    }
}
