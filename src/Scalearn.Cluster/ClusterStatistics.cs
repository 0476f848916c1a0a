namespace Scalearn.Cluster;

/// <summary>Traffic counters of a <see cref="ClusterExecutor"/> since it connected (for benchmarks and diagnostics).</summary>
public sealed record ClusterStatistics(
    IReadOnlyDictionary<string, long> BlobBytesByWorker,
    long TaskMessages,
    long TaskMessageBytes,
    long Tasks,
    long ResultMessages,
    long DuplicateResults,
    long DroppedMessages);
