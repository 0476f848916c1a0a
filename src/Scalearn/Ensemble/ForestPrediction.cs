namespace Scalearn.Ensemble;

internal static class ForestPrediction
{
    private const int BlockRows = 4096;

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
}
