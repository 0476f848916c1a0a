using System.Net;
using System.Net.Sockets;

namespace Scalearn.Distributed.LightGbm;

/// <summary>Checks a machine list read from a message: one IPv4 address and one port per rank.</summary>
internal static class Machines
{
    public static void Check(string[] hosts, int[] ports)
    {
        if (hosts.Length < 2 || hosts.Length != ports.Length)
            throw new InvalidDataException($"A machine list needs at least two ranks and one port per host; got {hosts.Length} hosts and {ports.Length} ports.");
        foreach (var host in hosts)
            if (!IPAddress.TryParse(host, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
                throw new InvalidDataException($"'{host}' is not an IPv4 address.");
        foreach (int port in ports)
            if (port is < 1 or > 65535) throw new InvalidDataException($"Port {port} is out of range.");
    }
}
