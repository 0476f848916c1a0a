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

    /// <summary>
    /// Runs body(0 .. count-1) on up to n_jobs threads (inline when one is enough); an exception from a body is
    /// rethrown as itself, not wrapped. The fit's interruption token (an AsyncLocal) flows into the threads.
    /// </summary>
    public static void For(int count, int? nJobs, Action<int> body)
    {
        int degree = Math.Max(1, Math.Min(count, Neighbors.NeighborIndex.Parallelism(nJobs)));
        if (degree == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        var token = Execution.FitInterruption.Token;
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = token }, i => body(i));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
