using System.Runtime.CompilerServices;

namespace Scalearn.Numerics;

/// <summary>
/// xoshiro256** generator seeded through SplitMix64. Used instead of System.Random so that sequences are identical on
/// every machine and runtime version (a worker must reproduce the driver's fit bit for bit).
/// </summary>
public sealed class Rng
{
    private State _state;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _state = new State { S0 = SplitMix(ref x), S1 = SplitMix(ref x), S2 = SplitMix(ref x), S3 = SplitMix(ref x) };
    }

    public Rng(int seed) : this(unchecked((ulong)(uint)seed)) { }

    private Rng(State state) => _state = state;

    /// <summary>An independent generator at this one's current position (same sequence from here on).</summary>
    public Rng Clone() => new(_state);

    /// <summary>A seed derived from a parent seed and a task identity (e.g. candidate and fold index).</summary>
    public static int Derive(int seed, params ReadOnlySpan<int> identity)
    {
        ulong x = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        foreach (int part in identity)
        {
            x ^= unchecked((ulong)(uint)part + 0x632BE59BD9B4E019UL);
            x = SplitMix(ref x);
        }
        return (int)(x >> 33);
    }

    public static Rng FromOptionalSeed(int? seed) => seed is int s ? new Rng(s) : new Rng(unchecked((ulong)Random.Shared.NextInt64()));

    public ulong NextULong() => _state.Next();

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        return Below(ref _state, n);
    }

    /// <summary>Standard normal deviate (Box-Muller, one value per call).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher-Yates shuffle; the state is worked on in a local copy so that it stays in registers.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        var state = _state;
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = Below(ref state, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        _state = state;
    }

    /// <summary>Uniform integer in [0, n) for n > 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Below(ref State state, int n)
    {
        ulong m = (ulong)(uint)(state.Next() >> 32) * (ulong)n;
        uint low = (uint)m;
        if (low < (uint)n)
        {
            uint threshold = (uint)(-n) % (uint)n;
            while (low < threshold)
            {
                m = (ulong)(uint)(state.Next() >> 32) * (ulong)n;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    private struct State
    {
        public ulong S0, S1, S2, S3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Next()
        {
            ulong result = RotateLeft(S1 * 5, 7) * 9;
            ulong t = S1 << 17;
            S2 ^= S0;
            S3 ^= S1;
            S1 ^= S2;
            S0 ^= S3;
            S2 ^= t;
            S3 = RotateLeft(S3, 45);
            return result;
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
