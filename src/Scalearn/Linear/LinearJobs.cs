using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>
/// n_jobs of the linear estimators, with the library's convention (see NeighborsEstimator): null and -1 use all cores,
/// other negatives all but |n_jobs| - 1, positive values that many threads; 0 is an error.
/// </summary>
internal static class LinearJobs
{
    public static int? Check(int? value) => value != 0 ? value
        : throw new ParameterException("n_jobs", "Parameter 'n_jobs' must be null (all cores), -1 (all cores), another negative or a positive integer; got 0.");

    public static ParallelOptions Options(int? nJobs, int tasks) => new()
    {
        MaxDegreeOfParallelism = Math.Max(1, Math.Min(tasks, Neighbors.NeighborIndex.Parallelism(nJobs))),
        CancellationToken = Execution.FitInterruption.Token,
    };
}
