using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Neighbors;

/// <summary>Unsupervised nearest-neighbour search (scikit-learn's NearestNeighbors); the model answers k-neighbour queries.</summary>
[RegisteredEstimator]
[UnsupportedParam("radius", 1.0, "radius queries (radius_neighbors) are not implemented")]
[UnsupportedParam("metric_params", null, "metrics take no extra arguments")]
public sealed class NearestNeighbors : NeighborsEstimator
{
    /// <summary>Fits and returns the NearestNeighborsModel (no cast needed).</summary>
    public new NearestNeighborsModel Fit(DataView data) => (NearestNeighborsModel)base.Fit(data);

    protected override IModel FitCore(DataView data) => new NearestNeighborsModel(BuildIndex(data), NNeighbors);
}
