namespace Scalearn.Cluster.Messages;

/// <summary>A worker asks the driver for bytes [Offset, Offset + MaxBytes) of a content-addressed blob (dataset or folds).</summary>
public sealed record BlobRequest
{
    public string Hash { get; init; } = "";
    public long Offset { get; init; }
    public int MaxBytes { get; init; }
    public string Worker { get; init; } = "";
}
