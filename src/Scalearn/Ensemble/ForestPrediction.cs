using Scalearn.Data;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

internal static class ForestPrediction
{
    private const int BlockRows = 4096;

    // Rows pushed through one tree before the next: the tree's nodes stay in cache across the block, and the block's
    // rows (256 x 20 features x 8 bytes = 40 KB) stay in cache across the trees.
    private const int TreeBlockRows = 256;

    /// <summary>Runs <paramref name="body"/> over row blocks, in parallel when the batch is large enough to pay for threads.</summary>
    public static void ForRows(int rows, int trees, int jobs, Action<int, int> body)
    {
        int blocks = (rows + BlockRows - 1) / BlockRows;
        if (jobs <= 1 || blocks <= 1 || (long)rows * trees < 200_000)
        {
            body(0, rows);
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = jobs },
            b => body(b * BlockRows, Math.Min(rows, (b + 1) * BlockRows)));
    }

    /// <summary>
    /// The sum over <paramref name="trees"/> (in their order) of each row's leaf values, <paramref name="width"/> per row,
    /// row-major: tree by tree over blocks of rows.
    /// </summary>
    public static double[] SumLeafValues(DataView x, DecisionTree[] trees, int jobs, int width)
    {
        var sums = new double[x.Count * width];
        var packed = Array.ConvertAll(trees, t => t.Packed);
        ForRows(x.Count, trees.Length, jobs, (from, to) =>
        {
            for (int start = from; start < to; start += TreeBlockRows)
            {
                int end = Math.Min(to, start + TreeBlockRows);
                var block = sums.AsSpan(start * width, (end - start) * width);
                foreach (var tree in packed) tree.AddLeafValues(x, start, end, block);
            }
        });
        return sums;
    }
}
