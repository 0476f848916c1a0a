namespace Scalearn.Cluster;

/// <summary>Traffic counters of a <see cref="ClusterExecutor"/> since it connected (for benchmarks and diagnostics).</summary>
/// <param name="BlobBytesByWorker">Bytes of shared inputs each worker fetched from this driver.</param>
/// <param name="InlineInputs">Copies of small shared inputs sent inside task messages (one per message that carried one).</param>
/// <param name="InlineInputBytes">Their bytes (counted in <paramref name="TaskMessageBytes"/> too).</param>
public sealed record ClusterStatistics(
    IReadOnlyDictionary<string, long> BlobBytesByWorker,
    long TaskMessages,
    long TaskMessageBytes,
    long Tasks,
    long ResultMessages,
    long DuplicateResults,
    long DroppedMessages,
    long InlineInputs,
    long InlineInputBytes);
