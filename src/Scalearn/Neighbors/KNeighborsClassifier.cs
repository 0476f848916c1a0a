using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Neighbors;

/// <summary>Classifies by a (weighted) vote of the n_neighbors nearest training rows (scikit-learn's KNeighborsClassifier).</summary>
[RegisteredEstimator]
[UnsupportedParam("metric_params", null, "metrics take no extra arguments")]
public sealed class KNeighborsClassifier : NeighborsEstimator, IClassifierEstimator
{
    /// <summary>Fits and returns the KNeighborsClassifierModel (no cast needed).</summary>
    public new KNeighborsClassifierModel Fit(DataView data) => (KNeighborsClassifierModel)base.Fit(data);

    public NeighborWeights Weights { get; set; } = NeighborWeights.Uniform;

    protected override IModel FitCore(DataView data)
    {
        var y = data.Targets();
        var classes = y.Distinct().Order().ToArray();
        var labels = new int[y.Length];
        for (int i = 0; i < y.Length; i++) labels[i] = Array.BinarySearch(classes, y[i]);
        return new KNeighborsClassifierModel(BuildIndex(data), classes, labels, NNeighbors, Weights);
    }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        var y = data.Targets();
        for (int i = 0; i < y.Length; i++)
            if (!double.IsFinite(y[i])) throw new ArgumentException($"{TypeName}: target contains a non-finite value at row {i}.");
    }
}
