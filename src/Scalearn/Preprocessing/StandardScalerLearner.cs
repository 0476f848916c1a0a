using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>Running state of an incremental <see cref="StandardScaler"/> fit (partial_fit).</summary>
public sealed class StandardScalerLearner : IIncrementalLearner
{
    private readonly bool _withMean;
    private readonly bool _withStd;
    private readonly RunningMoments _moments = new();
    private IReadOnlyList<string>? _featureNames;

    internal StandardScalerLearner(bool withMean, bool withStd)
    {
        _withMean = withMean;
        _withStd = withStd;
    }

    public long RowsSeen => _moments.RowsSeen;

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (chunk.Count == 0) throw new ArgumentException("StandardScaler cannot learn from an empty chunk.", nameof(chunk));
        ModelChecks.HasFeatures(chunk, nameof(StandardScaler));
        _moments.Add(chunk, nameof(StandardScaler));
        _featureNames ??= chunk.Source.FeatureNames.ToArray();
    }

    public IModel Snapshot()
    {
        if (_featureNames is null) throw new InvalidOperationException("StandardScaler has not seen any data yet.");
        var mean = _moments.Mean();
        var variance = _moments.Variance();
        var counts = _moments.Counts();
        var scale = new double[variance.Length];
        for (int j = 0; j < scale.Length; j++)
            scale[j] = IsConstant(variance[j], mean[j], counts[j]) ? 1.0 : Math.Sqrt(variance[j]);
        return new StandardScalerModel(_withMean, _withStd, mean, variance, scale, counts, _featureNames);
    }

    /// <summary>
    /// scikit-learn's _is_constant_feature: a variance within the rounding error of its own computation is zero,
    /// so constant features get scale 1 instead of a tiny noise-driven scale.
    /// </summary>
    private static bool IsConstant(double variance, double mean, long count)
    {
        const double eps = 2.220446049250313e-16; // numpy float64 machine epsilon
        double upperBound = count * eps * variance + Math.Pow(count * mean * eps, 2);
        return variance <= upperBound;
    }
}
