namespace Scalearn.Execution;

/// <summary>
/// Cooperative interruption of a running fit. Executors enter a scope with the task's token (cancelled by the job, by
/// Ctrl+C on the driver, or by a task limit); estimators call <see cref="Check"/> at natural points (per tree, per
/// epoch, per solver iteration block) so that an interrupted task frees its slot within a second. The token flows
/// into tasks and Parallel loops started inside the scope.
/// </summary>
public static class FitInterruption
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    public static CancellationToken Token => Current.Value;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current task was interrupted.</summary>
    public static void Check()
    {
        var token = Current.Value;
        if (token.IsCancellationRequested) throw new OperationCanceledException(token);
    }

    /// <summary>Makes <paramref name="token"/> the current one until the returned scope is disposed.</summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = Current.Value;
        Current.Value = token;
        return new Scope(previous);
    }

    public readonly struct Scope : IDisposable
    {
        private readonly CancellationToken _previous;

        internal Scope(CancellationToken previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}
