namespace Scalearn.Jobs;

/// <summary>
/// scikit-learn's default score accumulated chunk by chunk: accuracy for a classifier, R^2 for a regressor (from the
/// running sums of y, y^2 and squared residuals, so no chunk is kept).
/// </summary>
public sealed class StreamedScore(bool classifier)
{
    private long _rows, _correct;
    private double _sum, _sumSquares, _residuals;

    public string Name => classifier ? "accuracy" : "r2";

    public void Add(ReadOnlySpan<double> y, ReadOnlySpan<double> predicted)
    {
        for (int i = 0; i < y.Length; i++)
        {
            if (classifier)
            {
                if (y[i] == predicted[i]) _correct++;
                continue;
            }
            double d = y[i] - predicted[i];
            _residuals += d * d;
            _sum += y[i];
            _sumSquares += y[i] * y[i];
        }
        _rows += y.Length;
    }

    /// <summary>The score over every row added, or NaN before any row.</summary>
    public double Value
    {
        get
        {
            if (_rows == 0) return double.NaN;
            if (classifier) return (double)_correct / _rows;
            double total = _sumSquares - _sum * _sum / _rows;
            // scikit-learn: a constant target gives 1 when predicted exactly, else 0.
            return total > 0 ? 1 - _residuals / total : _residuals == 0 ? 1 : 0;
        }
    }
}
