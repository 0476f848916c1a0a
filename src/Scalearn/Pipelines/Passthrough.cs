using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Pipelines;

/// <summary>
/// The identity transformer. Registered as "passthrough", so a pipeline step (or a grid value for a whole step) given
/// as the string "passthrough" or null is skipped, as in scikit-learn.
/// </summary>
[RegisteredEstimator]
public sealed class Passthrough : Estimator<PassthroughModel>
{
    protected override bool NeedsFeatures => false;

    protected override IModel FitCore(DataView data) => new PassthroughModel(data.Source.FeatureNames.ToArray());
}
