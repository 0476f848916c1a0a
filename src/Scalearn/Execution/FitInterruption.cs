namespace Scalearn.Execution;

/// <summary>
/// Cooperative interruption of a running fit. Executors run each task inside a scope holding its token (cancelled by
/// the job, by Ctrl+C on the driver, or by a task limit); estimators call <see cref="Check"/> at natural points (per
/// tree, per epoch, per solver iteration block) so that an interrupted task frees its slot within a second. The scope
/// flows into tasks and Parallel loops started inside it.
/// </summary>
public static class FitInterruption
{
    private static readonly AsyncLocal<TaskScope?> Current = new();

    public static CancellationToken Token => Current.Value?.Token ?? CancellationToken.None;

    /// <summary>Throws <see cref="OperationCanceledException"/> when the current task was interrupted.</summary>
    public static void Check()
    {
        var scope = Current.Value;
        if (scope is null) return;
        scope.Sample();
        if (scope.Token.IsCancellationRequested) throw new OperationCanceledException(scope.Token);
    }

    /// <summary>Makes <paramref name="token"/> the current one until the returned scope is disposed.</summary>
    public static Scope Enter(CancellationToken token) => Enter(new TaskScope(token));

    internal static Scope Enter(TaskScope scope)
    {
        var previous = Current.Value;
        Current.Value = scope;
        return new Scope(previous);
    }

    public readonly struct Scope : IDisposable
    {
        private readonly TaskScope? _previous;

        internal Scope(TaskScope? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}

/// <summary>
/// One running task as seen from its checks: its token, and the bytes its own thread allocated so far (sampled at each
/// check), which tells a memory-budget breach which task to stop.
/// </summary>
internal sealed class TaskScope(CancellationToken token)
{
    private readonly Thread _owner = Thread.CurrentThread;
    private readonly long _start = GC.GetAllocatedBytesForCurrentThread();
    private long _allocated;

    public CancellationToken Token { get; } = token;

    public long Allocated => Volatile.Read(ref _allocated);

    public void Sample()
    {
        if (Thread.CurrentThread == _owner) Volatile.Write(ref _allocated, GC.GetAllocatedBytesForCurrentThread() - _start);
    }
}
