namespace Scalearn.Cluster.Messages;

/// <summary>Broadcast by a driver whose batch was cancelled: workers drop that batch's queued tasks.</summary>
public sealed record CancelBatch
{
    public Guid BatchId { get; init; }
}
