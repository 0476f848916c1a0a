namespace Scalearn.Distributed;

/// <summary>
/// A step of a data-parallel fit: <see cref="Stage"/> is "summary", "init", "lloyd" (k-means; <see cref="Value"/> is the
/// total squared center shift), "lbfgs" (the objective after an evaluation) or "retry" (a partition's task failed and
/// runs again; <see cref="Message"/> says why). <see cref="Run"/> numbers k-means' n_init runs and one-vs-rest problems.
/// </summary>
public sealed record DataParallelProgress(string Stage, int Run, int Iteration, double Value, string? Message = null)
{
    public override string ToString() => Message ?? $"{Stage} run {Run} iteration {Iteration}: {Value:G6}";
}
