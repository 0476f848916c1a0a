using System.Numerics;
using System.Runtime.Intrinsics;
using Scalearn.Data;

namespace Scalearn.Neighbors;

/// <summary>
/// Exact brute-force search. A float32 copy of the points, stored in panels of 8 points x all coordinates, is scanned
/// in cache-sized blocks by tiles of 4 queries x 16 points held in registers; each query keeps a bounded sorted list
/// of 2k candidates. The candidates are then re-ranked with float64 distances, and the float32 rounding error bound
/// proves that no point outside the list can be closer than the k-th; when it cannot, that query is rescanned in
/// float64. Memory per worker is one query block, never queries x points.
/// </summary>
internal sealed unsafe class BruteForceSearcher : NeighborSearcher
{
    private const int Lanes = 8;
    private const int QueriesPerTile = 4;
    private const int QueryBlock = 64;
    private const int PointBlockBytes = 192 * 1024;
    private const double Unit = 1.0 / (1 << 24);

    private readonly float[]? _panels;
    private readonly float[] _pointNorms = [];
    private readonly int _panelCount;
    private readonly int _panelsPerBlock;
    private readonly double _maxPointScale;

    public BruteForceSearcher(Matrix points, Distance distance) : base(points, distance)
    {
        if (distance.Kind == DistanceKind.Minkowski || !FitsFloat32(points)) return;
        int n = points.Rows, d = points.Cols;
        _panelCount = (n + 2 * Lanes - 1) / (2 * Lanes) * 2;
        _panels = new float[checked(_panelCount * Lanes * d)];
        _pointNorms = new float[_panelCount * Lanes];
        _pointNorms.AsSpan(n).Fill(float.PositiveInfinity);
        var row32 = new float[d];
        for (int i = 0; i < n; i++)
        {
            var row = points.Row(i);
            double scale = 1;
            if (distance.Kind == DistanceKind.Cosine)
            {
                double norm = 0;
                foreach (double v in row) norm += v * v;
                scale = norm == 0 ? 0 : 1 / Math.Sqrt(norm);
            }
            double squares = 0, absolute = 0;
            for (int j = 0; j < d; j++)
            {
                row32[j] = (float)(row[j] * scale);
                squares += (double)row32[j] * row32[j];
                absolute += Math.Abs(row32[j]);
            }
            int baseOffset = i / Lanes * Lanes * d + i % Lanes;
            for (int j = 0; j < d; j++) _panels[baseOffset + j * Lanes] = row32[j];
            if (distance.Kind == DistanceKind.Euclidean) _pointNorms[i] = (float)squares;
            _maxPointScale = Math.Max(_maxPointScale, distance.Kind == DistanceKind.Manhattan ? absolute : squares);
        }
        _panelsPerBlock = Math.Max(2, PointBlockBytes / (d * Lanes * sizeof(float)) / 2 * 2);
    }

    public override void Search(DataView queries, int k, double[] distances, int[] indices, int parallelism)
    {
        Action<int, int> block = (Distance.Kind, _panels) switch
        {
            (_, null) => (from, to) => ExactBlock(queries, from, to, k, distances, indices),
            (DistanceKind.Euclidean, _) => (from, to) => FilteredBlock<SquaredEuclideanKernel>(queries, from, to, k, distances, indices),
            (DistanceKind.Manhattan, _) => (from, to) => FilteredBlock<ManhattanKernel>(queries, from, to, k, distances, indices),
            _ => (from, to) => FilteredBlock<CosineKernel>(queries, from, to, k, distances, indices),
        };
        ForEachBlock(queries.Count, QueryBlock, parallelism, block);
    }

    private static bool FitsFloat32(Matrix points)
    {
        // Squares of larger values overflow float32; such data takes the float64 path.
        foreach (double v in points.Values) if (Math.Abs(v) > 1e15) return false;
        return true;
    }

    private void ExactBlock(DataView queries, int from, int to, int k, double[] distances, int[] indices)
    {
        var keys = new double[k];
        var candidates = new int[k];
        for (int i = from; i < to; i++)
            ExactScan(queries.Row(i), k, keys, candidates, distances.AsSpan(i * k, k), indices.AsSpan(i * k, k));
    }

    private void FilteredBlock<TKernel>(DataView queries, int from, int to, int k, double[] distances, int[] indices)
        where TKernel : IPanelKernel
    {
        int d = Points.Cols, count = to - from;
        int padded = (count + QueriesPerTile - 1) / QueriesPerTile * QueriesPerTile;
        int capacity = Math.Min(Points.Rows, k + Math.Max(k, 8));
        var q = new float[padded * d];
        var queryNorms = new float[padded];
        var bounds = new double[padded];
        for (int i = 0; i < count; i++) bounds[i] = PrepareQuery(queries.Row(from + i), q.AsSpan(i * d, d), out queryNorms[i]);

        var keys = new float[padded * capacity];
        var candidates = new int[padded * capacity];
        var tops = new TopK<float>[padded];
        for (int i = 0; i < padded; i++) tops[i] = new TopK<float>(keys, candidates, i * capacity, capacity);

        fixed (float* panels = _panels, pointNorms = _pointNorms, queryRows = q)
        {
            for (int start = 0; start < _panelCount; start += _panelsPerBlock)
            {
                int end = Math.Min(_panelCount, start + _panelsPerBlock);
                for (int g = 0; g < padded; g += QueriesPerTile)
                    Tile<TKernel>(panels, pointNorms, d, start, end, queryRows + g * d, queryNorms, tops, g);
            }
        }

        var exactKeys = new double[k];
        var exactIndices = new int[k];
        var scanKeys = new double[k];
        var scanIndices = new int[k];
        for (int i = 0; i < count; i++)
        {
            var query = queries.Row(from + i);
            ref var top = ref tops[i];
            var exact = new TopK<double>(exactKeys, exactIndices, 0, k);
            for (int r = 0; r < top.Count; r++) exact.TryInsert(Distance.Reduced(query, Points.Row(top.Index(r))), top.Index(r));
            // Every point left out has key >= top.Worst, so its exact reduced distance is >= top.Worst - bound.
            bool proven = top.Count == Points.Rows || (top.IsFull && exact.IsFull && exact.Worst <= top.Worst - bounds[i]);
            int at = (from + i) * k;
            if (proven) WriteResult(ref exact, distances.AsSpan(at, k), indices.AsSpan(at, k));
            else { NeighborSearchStatistics.CountExactRescan(); ExactScan(query, k, scanKeys, scanIndices, distances.AsSpan(at, k), indices.AsSpan(at, k)); }
        }
    }

    /// <summary>Rounds the query to float32 and returns the bound on |float32 key - exact reduced distance|.</summary>
    private double PrepareQuery(ReadOnlySpan<double> row, Span<float> target, out float queryNorm)
    {
        int d = row.Length;
        double scale = 1;
        if (Distance.Kind == DistanceKind.Cosine)
        {
            double norm = 0;
            foreach (double v in row) norm += v * v;
            scale = norm == 0 ? 0 : 1 / Math.Sqrt(norm);
        }
        double squares = 0, absolute = 0;
        for (int j = 0; j < d; j++)
        {
            target[j] = (float)(row[j] * scale);
            squares += (double)target[j] * target[j];
            absolute += Math.Abs(target[j]);
        }
        queryNorm = (float)squares;
        return Distance.Kind switch
        {
            DistanceKind.Euclidean => (4.0 * d + 16) * Unit * (squares + _maxPointScale),
            DistanceKind.Manhattan => (2.0 * d + 16) * Unit * (absolute + _maxPointScale),
            _ => (2.0 * d + 16) * Unit * 2,
        };
    }

    private static void Tile<TKernel>(float* panels, float* pointNorms, int d, int panelStart, int panelEnd, float* q,
        float[] queryNorms, TopK<float>[] tops, int firstQuery) where TKernel : IPanelKernel
    {
        float* q0 = q, q1 = q + d, q2 = q + 2 * d, q3 = q + 3 * d;
        float n0 = queryNorms[firstQuery], n1 = queryNorms[firstQuery + 1], n2 = queryNorms[firstQuery + 2], n3 = queryNorms[firstQuery + 3];
        int stride = d * Lanes;
        for (int pan = panelStart; pan < panelEnd; pan += 2)
        {
            float* a = panels + (long)pan * stride;
            float* b = a + stride;
            Vector256<float> s0a = default, s0b = default, s1a = default, s1b = default;
            Vector256<float> s2a = default, s2b = default, s3a = default, s3b = default;
            for (int j = 0; j < d; j++)
            {
                var pa = Vector256.Load(a + j * Lanes);
                var pb = Vector256.Load(b + j * Lanes);
                var v = Vector256.Create(q0[j]);
                s0a = TKernel.Accumulate(s0a, v, pa);
                s0b = TKernel.Accumulate(s0b, v, pb);
                v = Vector256.Create(q1[j]);
                s1a = TKernel.Accumulate(s1a, v, pa);
                s1b = TKernel.Accumulate(s1b, v, pb);
                v = Vector256.Create(q2[j]);
                s2a = TKernel.Accumulate(s2a, v, pa);
                s2b = TKernel.Accumulate(s2b, v, pb);
                v = Vector256.Create(q3[j]);
                s3a = TKernel.Accumulate(s3a, v, pa);
                s3b = TKernel.Accumulate(s3b, v, pb);
            }
            int index = pan * Lanes;
            var na = Vector256.Load(pointNorms + index);
            var nb = Vector256.Load(pointNorms + index + Lanes);
            Offer(ref tops[firstQuery], TKernel.Finish(s0a, na, n0), TKernel.Finish(s0b, nb, n0), index);
            Offer(ref tops[firstQuery + 1], TKernel.Finish(s1a, na, n1), TKernel.Finish(s1b, nb, n1), index);
            Offer(ref tops[firstQuery + 2], TKernel.Finish(s2a, na, n2), TKernel.Finish(s2b, nb, n2), index);
            Offer(ref tops[firstQuery + 3], TKernel.Finish(s3a, na, n3), TKernel.Finish(s3b, nb, n3), index);
        }
    }

    private static void Offer(ref TopK<float> top, Vector256<float> first, Vector256<float> second, int index)
    {
        var threshold = Vector256.Create(top.IsFull ? top.Worst : float.PositiveInfinity);
        uint mask = Vector256.LessThan(first, threshold).ExtractMostSignificantBits()
                    | (Vector256.LessThan(second, threshold).ExtractMostSignificantBits() << Lanes);
        while (mask != 0)
        {
            int lane = BitOperations.TrailingZeroCount(mask);
            top.TryInsert(lane < Lanes ? first.GetElement(lane) : second.GetElement(lane - Lanes), index + lane);
            mask &= mask - 1;
        }
    }
}
