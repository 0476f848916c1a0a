namespace Scalearn.Boosting.Native;

/// <summary>
/// LightGBM's own network for data-parallel training. Its state is per OS thread: <see cref="Join"/>, dataset
/// construction, booster creation, every round and the returned scope's disposal must all happen on one thread.
/// </summary>
internal static class NativeNetwork
{
    /// <summary>
    /// Connects this rank to the others (blocks until every rank has joined). <paramref name="machines"/> is
    /// "ip:port,..." in rank order; this rank is the entry with one of this machine's addresses and <paramref name="port"/>.
    /// </summary>
    public static IDisposable Join(string machines, int port, int ranks, int linkTimeOutMinutes)
    {
        LightGbmLibrary.EnsureLoaded();
        LightGbm.Check(LightGbmApi.NetworkInit(machines, port, linkTimeOutMinutes, ranks), "join the training network");
        return new Membership(Environment.CurrentManagedThreadId);
    }

    private sealed class Membership(int thread) : IDisposable
    {
        private bool _left;

        public void Dispose()
        {
            if (_left) return;
            if (Environment.CurrentManagedThreadId != thread)
                throw new InvalidOperationException("LightGBM's network must be left on the thread that joined it.");
            _left = true;
            LightGbm.Check(LightGbmApi.NetworkFree(), "leave the training network");
        }
    }
}
