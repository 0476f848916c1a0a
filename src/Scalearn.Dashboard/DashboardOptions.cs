using System.Net;

namespace Scalearn.Dashboard;

/// <summary>What `scalearn dashboard` serves and where: journals to watch, an optional cluster, the address and the access token.</summary>
public sealed record DashboardOptions
{
    public const int DefaultPort = 8050;
    public const int MinTokenLength = 16;

    /// <summary>Journal files, or folders whose journals (directly inside, or one folder down) are listed as they appear.</summary>
    public IReadOnlyList<string> Journals { get; init; } = ["."];

    /// <summary>A cluster's broker URI: its workers are shown from their heartbeats. Null = no cluster.</summary>
    public string? Cluster { get; init; }
    public string? ClusterKey { get; init; }

    /// <summary>Address to listen on: loopback unless a token is given.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Port to listen on; 0 picks a free one (see <see cref="DashboardServer.Url"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Secret every request must present (bearer header, ?token= once, then a cookie). Required off loopback.</summary>
    public string? Token { get; init; }

    /// <summary>How often journals are checked for changes (one cheap query each when nothing changed).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often folders are scanned for new journals.</summary>
    public TimeSpan ScanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Receives status lines (cluster connection, unreadable journals).</summary>
    public Action<string>? Log { get; init; }

    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Throws <see cref="ArgumentException"/> naming the option when these settings are not safe or not valid.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"--port must be between 0 and 65535; got {Port}.");
        if (Token is { } token && token.Length < MinTokenLength)
            throw new ArgumentException($"--token must have at least {MinTokenLength} characters (e.g. the output of 'openssl rand -hex 16').");
        if (Token is null && !IsLoopback)
            throw new ArgumentException($"--host {Address} makes the dashboard reachable from other machines: give --token (at least {MinTokenLength} characters) " +
                "so that only those who know it can read your searches, or keep the default --host 127.0.0.1.");
        if (Journals.Count == 0) throw new ArgumentException("Give at least one --journal file or folder.");
    }
}
