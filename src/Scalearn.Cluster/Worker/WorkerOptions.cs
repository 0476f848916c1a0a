namespace Scalearn.Cluster.Worker;

/// <summary>Settings of a `scalearn worker` process. <paramref name="Concurrency"/> &lt;= 0 means one slot per core.</summary>
public sealed record WorkerOptions(string Broker, int Concurrency, string? Name, bool Verbose)
{
    /// <summary>Bytes of decoded datasets and folds kept in memory (least recently used ones are dropped first).</summary>
    public long CacheBytes { get; init; } = 2L << 30;

    public int EffectiveConcurrency => Concurrency > 0 ? Concurrency : Environment.ProcessorCount;

    public string EffectiveName => string.IsNullOrWhiteSpace(Name) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Name;
}
