namespace Scalearn.Cluster;

/// <summary>Driver-side settings of a <see cref="ClusterExecutor"/>.</summary>
public sealed class ClusterOptions
{
    /// <summary>How long a batch waits with no live worker before failing.</summary>
    public TimeSpan NoWorkerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After this long without any worker, the driver says so through <see cref="Log"/> (and keeps waiting).</summary>
    public TimeSpan NoWorkerNotice { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a lost broker connection may last before the batch fails.</summary>
    public TimeSpan BrokerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Limit for reaching the broker in <see cref="ClusterExecutor.ConnectAsync"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Batching: never more tasks than this in one message. Below it, message sizes shrink towards the end of a batch
    /// (remaining tasks / (2 x slots)) so that the workers finish together.
    /// </summary>
    public int MaxTasksPerMessage { get; init; } = 64;

    /// <summary>Receives human-readable status lines (workers joining/leaving, waiting for workers or the broker).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// When tasks are outstanding but every live worker has been idle this long, the missing tasks' messages were lost
    /// (e.g. a broker restart during a data fetch): they are sent again, up to <see cref="MaxResends"/> times.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxResends { get; init; } = 3;

    /// <summary>Test hook: the first this many task messages of a batch are not sent, as if the broker lost them.</summary>
    internal int DropFirstMessages { get; init; }

    /// <summary>Test hook: every task message is sent twice, as a broker redelivery would.</summary>
    internal bool SendEveryMessageTwice { get; init; }
}
