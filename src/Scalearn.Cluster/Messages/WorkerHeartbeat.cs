namespace Scalearn.Cluster.Messages;

/// <summary>Sent by every worker each second to the cluster's heartbeat exchange; drivers count live workers from it.</summary>
public sealed record WorkerHeartbeat
{
    public string Worker { get; init; } = "";
    public int Concurrency { get; init; }
    /// <summary>Tasks executing right now.</summary>
    public int InFlight { get; init; }
    /// <summary>Task messages being handled (including ones still fetching their data).</summary>
    public int Busy { get; init; }
}
