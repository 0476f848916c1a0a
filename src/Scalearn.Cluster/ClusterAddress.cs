using System.Text.RegularExpressions;

namespace Scalearn.Cluster;

/// <summary>
/// A cluster named by its broker URI: amqp[s]://user:password@host:port/vhost[?cluster=name]. The optional cluster name
/// (default "scalearn") prefixes the queue and exchanges, so several clusters can share one broker.
/// </summary>
public sealed partial class ClusterAddress
{
    public const string DefaultCluster = "scalearn";

    private ClusterAddress(string host, int port, string virtualHost, string user, string password, bool useTls, string cluster)
    {
        Host = host;
        Port = port;
        VirtualHost = virtualHost;
        User = user;
        Password = password;
        UseTls = useTls;
        Cluster = cluster;
    }

    public string Host { get; }
    public int Port { get; }
    public string VirtualHost { get; }
    public string User { get; }
    internal string Password { get; }
    public bool UseTls { get; }
    public string Cluster { get; }

    public string TaskQueue => Cluster + ".tasks";
    public string HeartbeatExchange => Cluster + ".heartbeat";
    public string ControlExchange => Cluster + ".control";

    /// <summary>host:port, safe to print.</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>The URI with the password replaced by ***.</summary>
    public override string ToString() =>
        $"{(UseTls ? "amqps" : "amqp")}://{Uri.EscapeDataString(User)}:***@{Host}:{Port}/{(VirtualHost == "/" ? "" : Uri.EscapeDataString(VirtualHost))}" +
        (Cluster == DefaultCluster ? "" : "?cluster=" + Cluster);

    public static ClusterAddress Parse(string uri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        if (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("amqp" or "amqps") || parsed.Host.Length == 0)
            throw new ArgumentException($"Broker address '{Mask(uri)}' is not an AMQP URI such as amqp://host:5672/vhost (credentials go before the host as user:password@).", nameof(uri));
        bool tls = parsed.Scheme == "amqps";
        int port = parsed.IsDefaultPort || parsed.Port <= 0 ? (tls ? 5671 : 5672) : parsed.Port;
        string user = "guest", password = "guest";
        if (parsed.UserInfo.Length > 0)
        {
            var parts = parsed.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        string path = Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        string vhost = path.Length == 0 ? "/" : path;
        string cluster = DefaultCluster;
        foreach (var pair in parsed.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0] is "cluster" or "queue")
            {
                cluster = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
                if (!ClusterName().IsMatch(cluster))
                    throw new ArgumentException($"Cluster name '{cluster}' must be 1-100 characters of letters, digits, '.', '_' or '-'.", nameof(uri));
            }
        }
        return new ClusterAddress(parsed.Host, port, vhost, user, password, tls, cluster);
    }

    /// <summary>Replaces the password of every URI in <paramref name="text"/> with ***.</summary>
    public static string Mask(string? text) => text is null ? "" : UriPassword().Replace(text, "$1***@");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex ClusterName();

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();
}
