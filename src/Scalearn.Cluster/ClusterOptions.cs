namespace Scalearn.Cluster;

/// <summary>Driver-side settings of a <see cref="ClusterExecutor"/>.</summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// Shared secret of the cluster (at least 16 characters; <c>--cluster-key</c> / SCALEARN_CLUSTER_KEY): every message is
    /// signed with it and unsigned or wrongly signed messages are dropped. Null = trust everyone with broker credentials.
    /// </summary>
    public string? ClusterKey { get; init; }

    /// <summary>How long a job waits with no live worker before failing.</summary>
    public TimeSpan NoWorkerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After this long without any worker, the driver says so through <see cref="Log"/> (and keeps waiting).</summary>
    public TimeSpan NoWorkerNotice { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a lost broker connection may last before running jobs fail.</summary>
    public TimeSpan BrokerTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Limit for reaching the broker in <see cref="ClusterExecutor.ConnectAsync"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Workers drop the tasks of a driver they have not heard from for this long (the driver was killed), so nobody's
    /// work keeps them busy. The driver renews its lease every second.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Batching: never more tasks than this in one message. Below it, message sizes shrink towards the end of a job
    /// (queued tasks / (2 x slots)) so that the workers finish together.
    /// </summary>
    public int MaxTasksPerMessage { get; init; } = 64;

    /// <summary>Tasks of one job sent and not yet answered, at most; the rest wait on the driver.</summary>
    public int MaxTasksInFlight { get; init; } = 100_000;

    /// <summary>Receives human-readable status lines (workers joining/leaving, waiting for workers or the broker, dropped messages).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// When tasks are outstanding but every live worker has been idle this long, their messages were lost (e.g. a broker
    /// restart during a data fetch): they are sent again, up to <see cref="MaxResends"/> times.
    /// </summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxResends { get; init; } = 3;

    /// <summary>Test hook: the first this many task messages of a job are not sent, as if the broker lost them.</summary>
    internal int DropFirstMessages { get; init; }

    /// <summary>Test hook: every task message is sent twice, as a broker redelivery would.</summary>
    internal bool SendEveryMessageTwice { get; init; }

    /// <summary>Test hook: no lease renewals are sent (the driver looks dead to workers).</summary>
    internal bool SuspendLease { get; set; }
}
