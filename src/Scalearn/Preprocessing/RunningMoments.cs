using Scalearn.Data;

namespace Scalearn.Preprocessing;

/// <summary>
/// Per-feature count, mean and sum of squared deviations, updated chunk by chunk. Each chunk's moments are computed
/// with a corrected two-pass sum and merged with Chan et al.'s pairwise formula, as scikit-learn's
/// _incremental_mean_and_var does, so partial fits agree with a single fit to rounding. NaN values are skipped.
/// </summary>
internal sealed class RunningMoments
{
    private long[] _count = [];
    private double[] _mean = [];
    private double[] _m2 = [];

    public int FeatureCount { get; private set; } = -1;
    public long RowsSeen { get; private set; }

    public void Add(DataView chunk, string model)
    {
        int p = chunk.FeatureCount;
        if (FeatureCount < 0)
        {
            FeatureCount = p;
            _count = new long[p];
            _mean = new double[p];
            _m2 = new double[p];
        }
        else if (p != FeatureCount)
            throw new ArgumentException($"X has {p} features, but {model} was started with {FeatureCount} features.");
        TransformedData.RequireNoInfinity(chunk, model);

        var n = new long[p];
        var sum = new double[p];
        for (int i = 0; i < chunk.Count; i++)
        {
            var row = chunk.Row(i);
            for (int j = 0; j < p; j++)
                if (!double.IsNaN(row[j])) { n[j]++; sum[j] += row[j]; }
        }
        var batchMean = new double[p];
        for (int j = 0; j < p; j++) batchMean[j] = n[j] == 0 ? 0 : sum[j] / n[j];

        var squares = new double[p];
        var residual = new double[p];
        for (int i = 0; i < chunk.Count; i++)
        {
            var row = chunk.Row(i);
            for (int j = 0; j < p; j++)
            {
                if (double.IsNaN(row[j])) continue;
                double d = row[j] - batchMean[j];
                squares[j] += d * d;
                residual[j] += d;
            }
        }

        for (int j = 0; j < p; j++)
        {
            if (n[j] == 0) continue;
            double batchM2 = squares[j] - residual[j] * residual[j] / n[j];
            long total = _count[j] + n[j];
            double delta = batchMean[j] - _mean[j];
            _mean[j] += delta * n[j] / total;
            _m2[j] += batchM2 + delta * delta * ((double)_count[j] * n[j] / total);
            _count[j] = total;
        }
        RowsSeen += chunk.Count;
    }

    /// <summary>Means (NaN for features never observed).</summary>
    public double[] Mean() => Enumerable.Range(0, FeatureCount).Select(j => _count[j] == 0 ? double.NaN : _mean[j]).ToArray();

    /// <summary>Population variances (ddof = 0; NaN for features never observed).</summary>
    public double[] Variance() => Enumerable.Range(0, FeatureCount).Select(j => _count[j] == 0 ? double.NaN : Math.Max(0, _m2[j] / _count[j])).ToArray();

    public long[] Counts() => (long[])_count.Clone();
}
