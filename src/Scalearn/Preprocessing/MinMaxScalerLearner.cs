using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>Running per-feature minimum and maximum of an incremental <see cref="MinMaxScaler"/> fit; NaN is ignored.</summary>
public sealed class MinMaxScalerLearner : IIncrementalLearner
{
    private readonly FeatureRange _range;
    private readonly bool _clip;
    private double[]? _min;
    private double[]? _max;
    private IReadOnlyList<string>? _featureNames;

    internal MinMaxScalerLearner(FeatureRange range, bool clip)
    {
        _range = range;
        _clip = clip;
    }

    public long RowsSeen { get; private set; }

    public void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null)
    {
        if (chunk.Count == 0) throw new ArgumentException("MinMaxScaler cannot learn from an empty chunk.", nameof(chunk));
        ModelChecks.HasFeatures(chunk, nameof(MinMaxScaler));
        int p = chunk.FeatureCount;
        if (_min is not null && _min.Length != p)
            throw new ArgumentException($"X has {p} features, but MinMaxScaler was started with {_min.Length} features.");
        TransformedData.RequireNoInfinity(chunk, nameof(MinMaxScaler));
        var min = _min ?? Enumerable.Repeat(double.NaN, p).ToArray();
        var max = _max ?? Enumerable.Repeat(double.NaN, p).ToArray();
        for (int i = 0; i < chunk.Count; i++)
        {
            var row = chunk.Row(i);
            for (int j = 0; j < p; j++)
            {
                double v = row[j];
                if (double.IsNaN(v)) continue;
                if (!(v >= min[j])) min[j] = v;
                if (!(v <= max[j])) max[j] = v;
            }
        }
        _min = min;
        _max = max;
        _featureNames ??= chunk.Source.FeatureNames.ToArray();
        RowsSeen += chunk.Count;
    }

    public IModel Snapshot()
    {
        if (_min is null || _max is null || _featureNames is null) throw new InvalidOperationException("MinMaxScaler has not seen any data yet.");
        int p = _min.Length;
        var scale = new double[p];
        var offset = new double[p];
        for (int j = 0; j < p; j++)
        {
            double dataRange = _max[j] - _min[j];
            // scikit-learn's _handle_zeros_in_scale: ranges below 10 * eps count as constant features.
            if (dataRange < 10 * 2.220446049250313e-16) dataRange = 1;
            scale[j] = (_range.Max - _range.Min) / dataRange;
            offset[j] = _range.Min - _min[j] * scale[j];
        }
        return new MinMaxScalerModel(_range, _clip, (double[])_min.Clone(), (double[])_max.Clone(), scale, offset, _featureNames);
    }
}
