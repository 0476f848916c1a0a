using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>Standardizes features by removing the mean and scaling to unit variance (scikit-learn's StandardScaler).</summary>
[RegisteredEstimator]
public sealed class StandardScaler : Estimator<StandardScalerModel>, IIncrementalEstimator
{
    public bool WithMean { get; set; } = true;
    public bool WithStd { get; set; } = true;

    /// <summary>Present for scikit-learn parity; the input is never modified in place.</summary>
    public bool Copy { get; set; } = true;

    public IIncrementalLearner StartIncremental() => new StandardScalerLearner(WithMean, WithStd);

    protected override IModel FitCore(DataView data)
    {
        var learner = new StandardScalerLearner(WithMean, WithStd);
        learner.PartialFit(data);
        return learner.Snapshot();
    }
}
