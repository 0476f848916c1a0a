using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>
/// scikit-learn's LabelEncoder: learns the sorted distinct target values (classes_) and encodes each as its index.
/// It works on the target (y), not the features: <see cref="LabelEncoderModel.Transform(DataView)"/> returns the data
/// with its target encoded. For labels held as strings use <see cref="FitLabels"/>.
/// </summary>
[RegisteredEstimator]
public sealed class LabelEncoder : Estimator<LabelEncoderModel>
{
    protected override bool NeedsFeatures => false;

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (!data.HasTarget) throw new ArgumentException("LabelEncoder encodes the target (y), and the data has no target column.");
    }

    protected override IModel FitCore(DataView data) => LabelEncoderModel.Create(data.Targets(), data.FeatureCount);

    /// <summary>Fits on string labels (scikit-learn's LabelEncoder().fit(y) with an array of str).</summary>
    public static LabelEncoderModel FitLabels(IEnumerable<string> labels) => LabelEncoderModel.Create(labels);
}
