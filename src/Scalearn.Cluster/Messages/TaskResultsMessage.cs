namespace Scalearn.Cluster.Messages;

/// <summary>Results of tasks that finished since the worker's previous message for the batch (FitResult JSON strings).</summary>
public sealed record TaskResultsMessage
{
    public Guid BatchId { get; init; }
    public string Worker { get; init; } = "";
    public string[] Results { get; init; } = [];
}
