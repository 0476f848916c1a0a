namespace Scalearn.Execution;

/// <summary>
/// How many threads one fit may use for its own inner parallelism, set by an executor that runs several fits at once
/// (joblib's inner_max_num_threads): with N slots on C cores each fit gets max(1, C / N), so a parallel search does not
/// oversubscribe the machine. Null outside an executor: a fit on its own may use every core. Only estimators whose
/// results do not depend on their thread count may follow it.
/// </summary>
public static class ThreadBudget
{
    private static readonly AsyncLocal<int?> Current = new();

    /// <summary>The inner thread count allowed to the current fit, or null when no executor set one.</summary>
    public static int? Threads => Current.Value;

    /// <summary>Makes <paramref name="threads"/> the budget until the returned scope is disposed.</summary>
    public static Scope Enter(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var previous = Current.Value;
        Current.Value = threads;
        return new Scope(previous);
    }

    /// <summary>The budget for one of <paramref name="concurrentFits"/> fits sharing this machine's cores.</summary>
    public static int Share(int concurrentFits) => Math.Max(1, Environment.ProcessorCount / Math.Max(1, concurrentFits));

    public readonly struct Scope : IDisposable
    {
        private readonly int? _previous;

        internal Scope(int? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}
