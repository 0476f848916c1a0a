using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// The IPv4 address a rank gives its peers: SCALEARN_LIGHTGBM_HOST when set (for machines whose first address the
/// others cannot reach), else the first address of an up, non-loopback interface, else 127.0.0.1. LightGBM finds its
/// own rank by matching these addresses against the machine's interfaces, so it must be a literal IPv4 address.
/// </summary>
internal static class RankHost
{
    public const string Variable = "SCALEARN_LIGHTGBM_HOST";

    public static Guid Process { get; } = Guid.NewGuid();

    public static string ProcessName { get; } = $"{Environment.MachineName} (pid {Environment.ProcessId})";

    public static string Address()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            return IPAddress.TryParse(configured, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork ? configured
                : throw new InvalidOperationException($"{Variable}='{configured}' is not an IPv4 address (LightGBM's network needs one).");
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            foreach (var address in nic.GetIPProperties().UnicastAddresses)
                if (address.Address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address.Address))
                    return address.Address.ToString();
        }
        return IPAddress.Loopback.ToString();
    }

    /// <summary>True when <paramref name="host"/> is an IPv4 address of one of this machine's interfaces (how LightGBM finds its own rank).</summary>
    public static bool IsLocal(string host) =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Any(a => a.Address.ToString() == host);
}
