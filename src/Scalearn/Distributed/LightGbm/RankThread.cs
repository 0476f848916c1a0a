namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Runs one rank's LightGBM work on a dedicated OS thread (LightGBM's network, error text and log level are per
/// thread, so nothing of it may hop threads). The work calls <c>joined</c> once it is connected to the other ranks; if
/// that does not happen within the join timeout, the caller gets an error at once (LightGBM's own connection loop
/// retries for minutes and cannot be interrupted: its thread is left to finish in the background and frees its
/// network when it does).
/// </summary>
internal static class RankThread
{
    public static T Run<T>(string name, int joinTimeoutMilliseconds, CancellationToken cancellation, Func<Action, T> work, Func<string> notJoined)
    {
        var joined = new ManualResetEventSlim();   // not disposed while the thread may still set it
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work(joined.Set);
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                joined.Set();
            }
        }) { Name = name, IsBackground = true };
        thread.Start();
        if (!joined.Wait(joinTimeoutMilliseconds, cancellation)) throw new DataParallelException(notJoined());
        thread.Join();
        joined.Dispose();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result!;
    }
}
