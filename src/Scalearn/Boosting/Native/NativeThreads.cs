using Scalearn.Execution;

namespace Scalearn.Boosting.Native;

/// <summary>
/// LightGBM keeps its thread count in one process-wide variable (LGBM_DEFAULT_NUM_THREADS), rewritten by every C API
/// call that parses parameters (dataset and booster creation, prediction), while a booster sizes its per-thread
/// buffers from it when it is created. Two fits with different num_threads in one process can thus run a parallel
/// region wider than the other's buffers (the crashes behind LightGBM's "don't change num_threads while jobs run"
/// note). This gate lets native work run concurrently only at one thread count: a fit asking for another count waits
/// until the running ones finish; a prediction adopts the count in force (its result does not depend on it).
/// </summary>
internal static class NativeThreads
{
    private static readonly object Sync = new();
    private static int _current;
    private static int _active;

    /// <param name="threads">The thread count wanted (at least 1).</param>
    /// <param name="adopt">Take the count in force instead of waiting for it to change (predictions).</param>
    public static Lease Enter(int threads, bool adopt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (Sync)
        {
            while (_active > 0 && _current != threads && !adopt)
            {
                Monitor.Wait(Sync, TimeSpan.FromMilliseconds(200));
                FitInterruption.Check();
            }
            if (_active == 0) _current = threads;
            _active++;
            return new Lease(_current);
        }
    }

    private static void Exit()
    {
        lock (Sync)
        {
            if (--_active == 0) Monitor.PulseAll(Sync);
        }
    }

    /// <summary>Native work at <see cref="Threads"/> threads may run until this is disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private int _released;

        internal Lease(int threads) => Threads = threads;

        public int Threads { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) Exit();
        }
    }
}
