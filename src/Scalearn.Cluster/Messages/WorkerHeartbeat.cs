namespace Scalearn.Cluster.Messages;

/// <summary>Sent by every worker each second to the cluster's heartbeat exchange; drivers count live workers from it.</summary>
public sealed record WorkerHeartbeat
{
    public string Worker { get; init; } = "";
    public int Concurrency { get; init; }
    public int InFlight { get; init; }
}
