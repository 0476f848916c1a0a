namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Runs one rank's LightGBM work on a dedicated OS thread (LightGBM's network, error text and log level are per
/// thread, so nothing of it may hop threads). The work calls <c>joined</c> once it is connected to the other ranks; if
/// that does not happen within the join timeout, the caller gets an error at once (LightGBM's own connection loop
/// retries for minutes and cannot be interrupted: its thread is left to finish in the background and frees its
/// network when it does). A rank that connects after its caller gave up must not train: its peers may be gone, and
/// LightGBM's collectives spin forever on a closed socket (holding the process's native thread gate), so
/// <c>joined</c> then throws and the thread unwinds, freeing the network.
/// </summary>
internal static class RankThread
{
    private const int Waiting = 0, Joined = 1, Abandoned = 2;

    public static T Run<T>(string name, int joinTimeoutMilliseconds, CancellationToken cancellation, Func<Action, T> work, Func<string> notJoined)
    {
        var signal = new ManualResetEventSlim();   // not disposed while the thread may still set it
        int state = Waiting;
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work(() =>
                {
                    if (Interlocked.CompareExchange(ref state, Joined, Waiting) == Abandoned)
                        throw new OperationCanceledException($"{name} connected after its caller stopped waiting; it does not train.");
                    signal.Set();
                });
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                signal.Set();
            }
        }) { Name = name, IsBackground = true };
        thread.Start();
        bool signalled;
        try
        {
            signalled = signal.Wait(joinTimeoutMilliseconds, cancellation);
        }
        catch (OperationCanceledException)
        {
            Interlocked.CompareExchange(ref state, Abandoned, Waiting);
            throw;
        }
        if (!signalled && Interlocked.CompareExchange(ref state, Abandoned, Waiting) == Waiting)
            throw new DataParallelException(notJoined());
        thread.Join();
        signal.Dispose();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result!;
    }
}
