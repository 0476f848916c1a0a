namespace Scalearn.Distributed;

/// <summary>
/// Random numbers attached to rows rather than drawn in sequence: the value for (key, row) is a hash of both (SplitMix64's
/// finalizer), with the row numbered in the whole dataset. A partition draws the same numbers for its rows as one
/// machine holding all the data would, so sampling gives the same rows however the data is split and in whatever order
/// the partitions run.
/// </summary>
internal static class RowRandom
{
    /// <summary>A key for one use (a run's seed and a step) of the row numbers.</summary>
    public static ulong Key(int seed, int purpose, int step) =>
        Mix(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)purpose << 32 ^ (uint)step));

    public static ulong Bits(ulong key, long row) => Mix(key ^ Mix(unchecked((ulong)row + 0x632BE59BD9B4E019UL)));

    /// <summary>Uniform in [0, 1).</summary>
    public static double Uniform(ulong key, long row) => (Bits(key, row) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
