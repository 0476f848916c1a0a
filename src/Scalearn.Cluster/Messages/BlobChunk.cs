namespace Scalearn.Cluster.Messages;

/// <summary>The driver's answer to a <see cref="BlobRequest"/>; <see cref="Error"/> is set when it does not hold the blob.</summary>
public sealed record BlobChunk
{
    public string Hash { get; init; } = "";
    public long Offset { get; init; }
    public long TotalLength { get; init; }
    public byte[] Data { get; init; } = [];
    public string? Error { get; init; }
}
