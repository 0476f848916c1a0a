using Scalearn.Data;

namespace Scalearn.Neighbors;

/// <summary>An exact k-nearest-neighbour search over fitted points; implementations differ only in speed.</summary>
internal abstract class NeighborSearcher
{
    protected NeighborSearcher(Matrix points, Distance distance)
    {
        Points = points;
        Distance = distance;
    }

    public Matrix Points { get; }
    public Distance Distance { get; }

    /// <summary>
    /// Writes the k nearest points of every query into row-major queries x k arrays, nearest first (ties by index).
    /// Queries are split into blocks processed on up to <paramref name="parallelism"/> threads.
    /// </summary>
    public abstract void Search(DataView queries, int k, double[] distances, int[] indices, int parallelism);

    /// <summary>The float64 scan every algorithm must agree with; also the fallback when a fast filter cannot prove its answer.</summary>
    protected void ExactScan(ReadOnlySpan<double> query, int k, double[] keys, int[] candidates, Span<double> distances, Span<int> indices)
    {
        var best = new TopK<double>(keys, candidates, 0, k);
        for (int i = 0; i < Points.Rows; i++) best.TryInsert(Distance.Reduced(query, Points.Row(i)), i);
        WriteResult(ref best, distances, indices);
    }

    protected void WriteResult(ref TopK<double> best, Span<double> distances, Span<int> indices)
    {
        for (int r = 0; r < best.Count; r++)
        {
            distances[r] = Distance.ToDistance(best.Key(r));
            indices[r] = best.Index(r);
        }
    }

    protected static void ForEachBlock(int count, int blockSize, int parallelism, Action<int, int> body)
    {
        int blocks = (count + blockSize - 1) / blockSize;
        if (blocks <= 1 || parallelism <= 1)
        {
            for (int b = 0; b < blocks; b++) body(b * blockSize, Math.Min(count, (b + 1) * blockSize));
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            b => body(b * blockSize, Math.Min(count, (b + 1) * blockSize)));
    }
}
