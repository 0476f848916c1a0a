using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Neighbors;

/// <summary>Predicts the (weighted) mean target of the n_neighbors nearest training rows (scikit-learn's KNeighborsRegressor).</summary>
[RegisteredEstimator]
[UnsupportedParam("metric_params", null, "metrics take no extra arguments")]
public sealed class KNeighborsRegressor : NeighborsEstimator, IRegressorEstimator
{
    /// <summary>Fits and returns the KNeighborsRegressorModel (no cast needed).</summary>
    public new KNeighborsRegressorModel Fit(DataView data) => (KNeighborsRegressorModel)base.Fit(data);

    public NeighborWeights Weights { get; set; } = NeighborWeights.Uniform;

    protected override IModel FitCore(DataView data) => new KNeighborsRegressorModel(BuildIndex(data), data.Targets(), NNeighbors, Weights);

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        var y = data.Targets();
        for (int i = 0; i < y.Length; i++)
            if (!double.IsFinite(y[i])) throw new ArgumentException($"{TypeName}: target contains a non-finite value at row {i}.");
    }
}
