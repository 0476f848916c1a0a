namespace Scalearn.Neighbors;

/// <summary>Process-wide counters of the brute-force search, for benchmarks: how often the float32 filter could not prove a result.</summary>
public static class NeighborSearchStatistics
{
    private static long _exactRescans;

    /// <summary>Queries rescanned in float64 because the float32 candidates could not be proven exact.</summary>
    public static long ExactRescans => Interlocked.Read(ref _exactRescans);

    internal static void CountExactRescan() => Interlocked.Increment(ref _exactRescans);
}
