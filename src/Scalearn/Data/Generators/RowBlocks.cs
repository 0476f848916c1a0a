using Scalearn.Numerics;

namespace Scalearn.Data.Generators;

/// <summary>
/// Generates rows in fixed blocks, in parallel, each block with its own generator derived from one seed and the block
/// number: the output depends on the seed only, never on the number of threads.
/// </summary>
internal static class RowBlocks
{
    public const int Rows = 4096;

    /// <summary>Calls <paramref name="fill"/>(rng, firstRow, rowCount) for every block of <paramref name="rows"/>.</summary>
    public static void Run(int rows, int seed, Action<Rng, int, int> fill)
    {
        int blocks = (rows + Rows - 1) / Rows;
        Parallel.For(0, blocks, block =>
        {
            int first = block * Rows;
            fill(new Rng(Rng.Derive(seed, block)), first, Math.Min(Rows, rows - first));
        });
    }

    /// <summary>A permutation of 0..n-1 (the identity when <paramref name="shuffle"/> is false).</summary>
    public static int[] Permutation(int n, bool shuffle, Rng rng)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle) rng.Shuffle(order.AsSpan());
        return order;
    }

    public static string[] FeatureNames(int count) => Enumerable.Range(0, count).Select(j => $"x{j}").ToArray();
}
