using Scalearn.Data;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

internal static class ForestPrediction
{
    private const int BlockRows = 4096;

    // Rows pushed through one tree before the next: the more rows, the more of the tree's deep nodes (a forest fitted on
    // 10,000 rows is megabytes, more than a core's L2) are reused from cache before the next tree evicts them; the block's
    // rows must stay in L2 across the trees (2,048 x 20 features x 8 bytes = 320 KB). 256 rows were about a fifth
    // slower on all cores (rf_predict).
    private const int TreeBlockBytes = 320 * 1024;
    private const int MinTreeBlockRows = 64, MaxTreeBlockRows = 2048;

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
        int blockRows = Math.Clamp(TreeBlockBytes / (sizeof(double) * Math.Max(1, x.Source.X.Cols)), MinTreeBlockRows, MaxTreeBlockRows);
        ForRows(x.Count, trees.Length, jobs, (from, to) =>
        {
            using var lanes = new LaneRows(Math.Min(blockRows, to - from), x.Source.X.Cols);
            for (int start = from; start < to; start += blockRows)
            {
                int end = Math.Min(to, start + blockRows);
                lanes.Fill(x, start, end);
                var block = sums.AsSpan(start * width, (end - start) * width);
                foreach (var tree in packed) tree.AddLeafValues(lanes, block);
            }
        });
        return sums;
    }
}
