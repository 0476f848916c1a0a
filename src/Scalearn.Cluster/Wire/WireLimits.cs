using System.Text.RegularExpressions;

namespace Scalearn.Cluster.Wire;

/// <summary>Upper bounds enforced on everything received, so a hostile message cannot exhaust memory or time.</summary>
internal static partial class WireLimits
{
    public const int MaxTasksPerMessage = 10_000;
    public const int MaxTaskBytes = 1 << 20;
    /// <summary>A task's whole result, reassembled from its parts.</summary>
    public const int MaxResultBytes = 1 << 30;
    /// <summary>Results larger than this go out in parts of this size, each in its own message.</summary>
    public const int ResultPartBytes = 8 << 20;
    /// <summary>What a received part (or an unsplit result) may hold: twice the part size, for a peer that cuts differently.</summary>
    public const int MaxResultPartBytes = 2 * ResultPartBytes;
    public const int MaxResultParts = MaxResultBytes / ResultPartBytes;
    public const int MaxResultsPerMessage = 10_000;
    public const int MaxErrorBytes = 1 << 16;
    public const long MaxBlobBytes = 64L << 30;
    public const int ChunkBytes = 4 << 20;
    /// <summary>A shared input of at most this many bytes travels inside the task messages of the tasks reading it.</summary>
    public const int InlineInputBytes = 64 << 10;
    /// <summary>What the inline inputs of one task message may hold together; the other inputs are fetched.</summary>
    public const int MaxInlineBytesPerMessage = 1 << 20;
    public const int MaxInlineInputsPerMessage = 10_000;
    public const int HashChars = 64;
    public const int MaxNameBytes = 256;
    public const int MaxResidentIds = 256;
    public const int MaxJobsPerLease = 100_000;

    /// <summary>Heartbeats and control messages older (or newer) than this are replays or from a badly skewed clock.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static bool IsContentHash(string? hash) =>
        hash is { Length: HashChars } && hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static bool IsQueueName(string? name) => name is not null && QueueName().IsMatch(name);

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static bool Fresh(long sentAtMs) => Math.Abs(Now - sentAtMs) <= MaxClockSkew.TotalMilliseconds;

    public static string Short(string id) => id.Length > 12 ? id[..12] + "..." : id;

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,250}$")]
    private static partial Regex QueueName();
}
