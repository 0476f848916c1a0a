namespace Scalearn.Cluster.Wire;

/// <summary>Upper bounds a worker enforces on what it receives, so a hostile message cannot exhaust its memory.</summary>
internal static class WireLimits
{
    public const int MaxTasksPerMessage = 10_000;
    public const int MaxTaskJsonChars = 1 << 20;
    public const int MaxScorers = 64;
    public const long MaxBlobBytes = 8L << 30;
    public const int ChunkBytes = 4 << 20;
    public const int HashChars = 64;

    public static bool IsContentHash(string? hash) =>
        hash is { Length: HashChars } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
