using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Neighbors;

/// <summary>
/// Hyperparameters shared by the neighbour estimators (scikit-learn 1.2.1 names and defaults). One difference:
/// <c>n_jobs</c> = null uses all cores for queries (scikit-learn: one), as everything in this library does;
/// -1 also means all cores, other negatives all but |n_jobs|-1, positive values that many threads.
/// </summary>
public abstract class NeighborsEstimator : Estimator
{
    public int NNeighbors { get; set => field = Check.AtLeast(value, 1, "n_neighbors"); } = 5;

    public NeighborAlgorithm Algorithm { get; set; } = NeighborAlgorithm.Auto;

    public int LeafSize { get; set => field = Check.AtLeast(value, 1, "leaf_size"); } = 30;

    public NeighborMetric Metric { get; set; } = NeighborMetric.Minkowski;

    /// <summary>Power of the minkowski metric (1 = manhattan, 2 = euclidean); ignored by the other metrics.</summary>
    public double P
    {
        get;
        set => field = value >= 1 && double.IsFinite(value) ? value
            : throw new ParameterException("p", $"Parameter 'p' must be a finite number >= 1; got {ParamConverter.Format(value)}.");
    } = 2;

    public int? NJobs
    {
        get;
        set => field = value != 0 ? value
            : throw new ParameterException("n_jobs", "Parameter 'n_jobs' must be null (all cores), -1 (all cores), another negative or a positive integer; got 0.");
    }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (Metric == NeighborMetric.Cosine && Algorithm is NeighborAlgorithm.KdTree or NeighborAlgorithm.BallTree)
            throw new ParameterException("algorithm",
                $"Parameter 'algorithm' = '{ParamNames.ToSnakeCase(Algorithm.ToString())}' does not support metric 'cosine'; use 'brute' or 'auto'.");
        ModelChecks.AllFinite(data, TypeName);
    }

    internal NeighborIndex BuildIndex(DataView data) => NeighborIndex.Build(data, Metric, P, Algorithm, LeafSize, NNeighbors, NJobs);
}
