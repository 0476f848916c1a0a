namespace Scalearn.Jobs;

/// <summary>
/// scikit-learn's default score accumulated chunk by chunk: accuracy for a classifier, R^2 for a regressor (from the
/// running mean and sum of squared deviations of y (Welford's update, exact also for targets with a large mean) and the
/// squared residuals, so no chunk is kept).
/// </summary>
public sealed class StreamedScore(bool classifier)
{
    private long _rows, _correct;
    private double _mean, _deviations, _residuals;

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
            double delta = y[i] - _mean;
            _mean += delta / (_rows + i + 1);
            _deviations += delta * (y[i] - _mean);
        }
        _rows += y.Length;
    }

    /// <summary>The score over every row added; NaN before any row, and R^2 of fewer than two rows (as scikit-learn's r2_score).</summary>
    public double Value
    {
        get
        {
            if (_rows == 0) return double.NaN;
            if (classifier) return (double)_correct / _rows;
            if (_rows < 2) return double.NaN;
            double total = _deviations;
            // scikit-learn: a constant target gives 1 when predicted exactly, else 0.
            return total > 0 ? 1 - _residuals / total : _residuals == 0 ? 1 : 0;
        }
    }
}
