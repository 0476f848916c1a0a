namespace Scalearn.Cluster;

/// <summary>The cluster could not run the work: broker unreachable or lost, no worker connected, and similar.</summary>
public sealed class ClusterException : Exception
{
    public ClusterException(string message) : base(message) { }
    public ClusterException(string message, Exception inner) : base(message, inner) { }
}
