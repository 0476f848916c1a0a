using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// Ports this process holds for the ranks of LightGBM trainings: a socket bound to a free port by the endpoint round
/// and kept (so no other program or outgoing connection takes the port) until the train round closes it just before
/// LightGBM binds the same port. It never listens: a peer's LightGBM connecting before this rank's LightGBM listens
/// must be refused (and retry), not accepted by a socket that is about to close. A reservation whose training never came is closed after
/// <see cref="Lifetime"/>.
/// </summary>
internal static class PortReservations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly ConcurrentDictionary<(Guid Training, int Rank), Reservation> Held = new();

    /// <summary>The rank's reservation, opened on a free port unless this process already holds one.</summary>
    public static int Open(Guid training, int rank)
    {
        Sweep();
        return Held.GetOrAdd((training, rank), _ => new Reservation()).Port;
    }

    public static bool Holds(Guid training, int rank, int port) => Held.TryGetValue((training, rank), out var r) && r.Port == port;

    /// <summary>Frees the port for LightGBM; false when this process holds no reservation of that rank and port.</summary>
    public static bool Release(Guid training, int rank, int port)
    {
        if (!Held.TryGetValue((training, rank), out var r) || r.Port != port) return false;
        if (Held.TryRemove(new KeyValuePair<(Guid, int), Reservation>((training, rank), r))) r.Socket.Dispose();
        return true;
    }

    private static void Sweep()
    {
        foreach (var (key, r) in Held)
            if (DateTime.UtcNow - r.Opened > Lifetime && Held.TryRemove(key, out var old)) old.Socket.Dispose();
    }

    private sealed class Reservation
    {
        public Reservation()
        {
            Socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Socket.Bind(new IPEndPoint(IPAddress.Any, 0));
            Port = ((IPEndPoint)Socket.LocalEndPoint!).Port;
        }

        public Socket Socket { get; }
        public int Port { get; }
        public DateTime Opened { get; } = DateTime.UtcNow;
    }
}
