using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>Scales each feature linearly so the training minimum and maximum map to feature_range (scikit-learn's MinMaxScaler).</summary>
[RegisteredEstimator]
public sealed class MinMaxScaler : Estimator<MinMaxScalerModel>, IIncrementalEstimator
{
    public FeatureRange FeatureRange { get; set; } = new(0, 1);

    /// <summary>Clip transformed values to feature_range (for inputs outside the training range).</summary>
    public bool Clip { get; set; }

    /// <summary>Present for scikit-learn parity; the input is never modified in place.</summary>
    public bool Copy { get; set; } = true;

    public IIncrementalLearner StartIncremental() => new MinMaxScalerLearner(FeatureRange, Clip);

    protected override IModel FitCore(DataView data)
    {
        var learner = new MinMaxScalerLearner(FeatureRange, Clip);
        learner.PartialFit(data);
        return learner.Snapshot();
    }
}
