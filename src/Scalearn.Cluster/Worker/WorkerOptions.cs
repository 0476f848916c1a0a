using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>Settings of a `scalearn worker` process. <paramref name="Concurrency"/> &lt;= 0 means one slot per core.</summary>
public sealed record WorkerOptions(string Broker, int Concurrency, string? Name, bool Verbose)
{
    /// <summary>Bytes of decoded inputs and derived state kept in memory (least recently used ones are dropped first).</summary>
    public long CacheBytes { get; init; } = 2L << 30;

    /// <summary>The cluster's shared secret (see <see cref="ClusterOptions.ClusterKey"/>); null = unsigned messages.</summary>
    public string? ClusterKey { get; init; }

    /// <summary>Per-task time limit and the process's memory budget.</summary>
    public TaskLimits Limits { get; init; } = TaskLimits.Default;

    /// <summary>Run a few small fits at start-up so the first real tasks do not wait for the JIT.</summary>
    public bool Warmup { get; init; } = true;

    /// <summary>
    /// Stop when standard input reaches its end: a supervisor that starts the worker as a child process with a pipe on its
    /// input (tests, benchmarks) then never leaves it running after the supervisor itself dies.
    /// </summary>
    public bool ExitWithInput { get; init; }

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;

    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Name;
}
