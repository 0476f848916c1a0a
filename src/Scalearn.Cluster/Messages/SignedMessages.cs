namespace Scalearn.Cluster.Messages;

/// <summary>
/// Every cluster message is an opaque body (encoded by <see cref="Wire"/>'s codecs, every length checked on decoding)
/// and, when the cluster has a key, an HMAC-SHA256 of it: nothing in a message is trusted before both checks pass.
/// </summary>
public interface ISignedMessage
{
    byte[] Body { get; }
    byte[]? Mac { get; }
}

/// <summary>Tasks of one job, sent by a driver to the cluster's task queue or to one worker's own queue.</summary>
public sealed record TaskMessage : ISignedMessage
{
    public byte[] Body { get; init; } = [];
    public byte[]? Mac { get; init; }
}

/// <summary>Outcomes of tasks, sent by a worker to the driver that sent them.</summary>
public sealed record ResultMessage : ISignedMessage
{
    public byte[] Body { get; init; } = [];
    public byte[]? Mac { get; init; }
}

/// <summary>A worker's state, every second, to the cluster's heartbeat exchange (drivers count live workers from it).</summary>
public sealed record HeartbeatMessage : ISignedMessage
{
    public byte[] Body { get; init; } = [];
    public byte[]? Mac { get; init; }
}

/// <summary>From a driver to every worker: its lease on its jobs, a job or tasks cancelled, or a request for heartbeats.</summary>
public sealed record ControlMessage : ISignedMessage
{
    public byte[] Body { get; init; } = [];
    public byte[]? Mac { get; init; }
}

/// <summary>A worker asks a driver for a range of a shared input.</summary>
public sealed record BlobRequestMessage : ISignedMessage
{
    public byte[] Body { get; init; } = [];
    public byte[]? Mac { get; init; }
}

/// <summary>The driver's answer to a <see cref="BlobRequestMessage"/>.</summary>
public sealed record BlobChunkMessage : ISignedMessage
{
    public byte[] Body { get; init; } = [];
    public byte[]? Mac { get; init; }
}
