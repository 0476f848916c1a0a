using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Scalearn.Data;

namespace Scalearn.Neighbors;

/// <summary>
/// Exact brute-force search. A float32 copy of the points, stored in panels of one vector width of points (8, or 16
/// with AVX-512) x all coordinates, is scanned in cache-sized blocks by tiles of queries x 2 panels whose partial
/// sums stay in registers; each query keeps a bounded sorted list of about 2k candidates. The candidates are then re-ranked with float64 distances, and the float32 rounding error bound
/// proves that no point outside the list can be closer than the k-th; when it cannot, that query is rescanned in
/// float64. Memory per worker is one query block, never queries x points.
/// </summary>
internal sealed unsafe class BruteForceSearcher : NeighborSearcher
{
    /// <summary>Whether new searchers use AVX-512 panels; tests switch it off to cover the 256-bit kernel (results are identical).</summary>
    internal static bool UseVector512 { get; set; } = Vector512.IsHardwareAccelerated;

    private readonly int _lanes = UseVector512 ? Vector512<float>.Count : Vector256<float>.Count;
    private const int QueriesPerTile = 8;
    /// <summary>
    /// Queries that share each pass over the points: every block streams the whole index (as float32 panels) once, so
    /// larger blocks read it fewer times. 256 queries a block ran a 100,000 x 32 self-query 4-8% faster on one machine and
    /// 16% faster on two worker processes (each streaming its own copy) than 64; 512 and more were slower again. A
    /// search of few queries on many threads takes smaller blocks, down to <see cref="MinQueryBlock"/>, to keep them all busy.
    /// </summary>
    private const int QueryBlock = 256;
    private const int MinQueryBlock = 64;
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
        _panelCount = (n + 2 * _lanes - 1) / (2 * _lanes) * 2;
        _panels = new float[checked(_panelCount * _lanes * d)];
        _pointNorms = new float[_panelCount * _lanes];
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
            int baseOffset = i / _lanes * _lanes * d + i % _lanes;
            for (int j = 0; j < d; j++) _panels[baseOffset + j * _lanes] = row32[j];
            if (distance.Kind == DistanceKind.Euclidean) _pointNorms[i] = (float)squares;
            _maxPointScale = Math.Max(_maxPointScale, distance.Kind == DistanceKind.Manhattan ? absolute : squares);
        }
        _panelsPerBlock = Math.Max(2, PointBlockBytes / (d * _lanes * sizeof(float)) / 2 * 2);
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
        int perThread = (queries.Count + Math.Max(1, parallelism) - 1) / Math.Max(1, parallelism);
        ForEachBlock(queries.Count, Math.Clamp((perThread + QueriesPerTile - 1) / QueriesPerTile * QueriesPerTile, MinQueryBlock, QueryBlock), parallelism, block);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                {
                    if (_lanes == Vector512<float>.Count) Tile512<TKernel>(panels, pointNorms, d, start, end, queryRows + g * d, queryNorms, tops, g);
                    else
                    {
                        Tile<TKernel>(panels, pointNorms, d, start, end, queryRows + g * d, queryNorms, tops, g);
                        Tile<TKernel>(panels, pointNorms, d, start, end, queryRows + (g + 4) * d, queryNorms, tops, g + 4);
                    }
                }
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TKernel>(float* panels, float* pointNorms, int d, int panelStart, int panelEnd, float* q,
        float[] queryNorms, TopK<float>[] tops, int firstQuery) where TKernel : IPanelKernel
    {
        // 4 queries x 2 panels; keys go through a buffer as in Tile512.
        const int W = 8;
        float* keys = stackalloc float[4 * 2 * W];
        float* q0 = q, q1 = q + d, q2 = q + 2 * d, q3 = q + 3 * d;
        float n0 = queryNorms[firstQuery], n1 = queryNorms[firstQuery + 1], n2 = queryNorms[firstQuery + 2], n3 = queryNorms[firstQuery + 3];
        int stride = d * Vector256<float>.Count;
        for (int pan = panelStart; pan < panelEnd; pan += 2)
        {
            float* a = panels + (long)pan * stride;
            float* b = a + stride;
            Vector256<float> s0a = default, s0b = default, s1a = default, s1b = default;
            Vector256<float> s2a = default, s2b = default, s3a = default, s3b = default;
            for (int j = 0; j < d; j++)
            {
                var pa = Vector256.Load(a + j * Vector256<float>.Count);
                var pb = Vector256.Load(b + j * Vector256<float>.Count);
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
            int index = pan * W;
            var na = Vector256.Load(pointNorms + index);
            var nb = Vector256.Load(pointNorms + index + W);
            TKernel.Finish(s0a, na, n0).Store(keys);
            TKernel.Finish(s0b, nb, n0).Store(keys + W);
            TKernel.Finish(s1a, na, n1).Store(keys + 2 * W);
            TKernel.Finish(s1b, nb, n1).Store(keys + 3 * W);
            TKernel.Finish(s2a, na, n2).Store(keys + 4 * W);
            TKernel.Finish(s2b, nb, n2).Store(keys + 5 * W);
            TKernel.Finish(s3a, na, n3).Store(keys + 6 * W);
            TKernel.Finish(s3b, nb, n3).Store(keys + 7 * W);
            for (int i = 0; i < 4; i++)
            {
                ref var top = ref tops[firstQuery + i];
                var first = Vector256.Load(keys + 2 * i * W);
                var second = Vector256.Load(keys + (2 * i + 1) * W);
                if (Vector256.LessThanAny(Vector256.Min(first, second), Vector256.Create(top.IsFull ? top.Worst : float.PositiveInfinity)))
                    Offer(ref top, first, second, index);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile512<TKernel>(float* panels, float* pointNorms, int d, int panelStart, int panelEnd, float* q,
        float[] queryNorms, TopK<float>[] tops, int firstQuery) where TKernel : IPanelKernel
    {
        // 8 queries x 2 panels: 16 accumulators of the 32 AVX-512 registers, two point loads per 16 FMAs. The keys of
        // a tile go through a small buffer: Offer is a call, and calling it while the accumulators are live would spill
        // them on every tile, though most tiles bring no new candidate for any of their queries.
        const int W = 16;
        float* keys = stackalloc float[QueriesPerTile * 2 * W];
        float* q0 = q, q1 = q + d, q2 = q + 2 * d, q3 = q + 3 * d, q4 = q + 4 * d, q5 = q + 5 * d, q6 = q + 6 * d, q7 = q + 7 * d;
        int stride = d * W;
        for (int pan = panelStart; pan < panelEnd; pan += 2)
        {
            float* a = panels + (long)pan * stride;
            float* b = a + stride;
            Vector512<float> s0a = default, s0b = default, s1a = default, s1b = default;
            Vector512<float> s2a = default, s2b = default, s3a = default, s3b = default;
            Vector512<float> s4a = default, s4b = default, s5a = default, s5b = default;
            Vector512<float> s6a = default, s6b = default, s7a = default, s7b = default;
            for (int j = 0; j < d; j++)
            {
                var pa = Vector512.Load(a + j * W);
                var pb = Vector512.Load(b + j * W);
                var v = Vector512.Create(q0[j]);
                s0a = TKernel.Accumulate(s0a, v, pa);
                s0b = TKernel.Accumulate(s0b, v, pb);
                v = Vector512.Create(q1[j]);
                s1a = TKernel.Accumulate(s1a, v, pa);
                s1b = TKernel.Accumulate(s1b, v, pb);
                v = Vector512.Create(q2[j]);
                s2a = TKernel.Accumulate(s2a, v, pa);
                s2b = TKernel.Accumulate(s2b, v, pb);
                v = Vector512.Create(q3[j]);
                s3a = TKernel.Accumulate(s3a, v, pa);
                s3b = TKernel.Accumulate(s3b, v, pb);
                v = Vector512.Create(q4[j]);
                s4a = TKernel.Accumulate(s4a, v, pa);
                s4b = TKernel.Accumulate(s4b, v, pb);
                v = Vector512.Create(q5[j]);
                s5a = TKernel.Accumulate(s5a, v, pa);
                s5b = TKernel.Accumulate(s5b, v, pb);
                v = Vector512.Create(q6[j]);
                s6a = TKernel.Accumulate(s6a, v, pa);
                s6b = TKernel.Accumulate(s6b, v, pb);
                v = Vector512.Create(q7[j]);
                s7a = TKernel.Accumulate(s7a, v, pa);
                s7b = TKernel.Accumulate(s7b, v, pb);
            }
            int index = pan * W;
            var na = Vector512.Load(pointNorms + index);
            var nb = Vector512.Load(pointNorms + index + W);
            int f = firstQuery;
            TKernel.Finish(s0a, na, queryNorms[f]).Store(keys);
            TKernel.Finish(s0b, nb, queryNorms[f]).Store(keys + W);
            TKernel.Finish(s1a, na, queryNorms[f + 1]).Store(keys + 2 * W);
            TKernel.Finish(s1b, nb, queryNorms[f + 1]).Store(keys + 3 * W);
            TKernel.Finish(s2a, na, queryNorms[f + 2]).Store(keys + 4 * W);
            TKernel.Finish(s2b, nb, queryNorms[f + 2]).Store(keys + 5 * W);
            TKernel.Finish(s3a, na, queryNorms[f + 3]).Store(keys + 6 * W);
            TKernel.Finish(s3b, nb, queryNorms[f + 3]).Store(keys + 7 * W);
            TKernel.Finish(s4a, na, queryNorms[f + 4]).Store(keys + 8 * W);
            TKernel.Finish(s4b, nb, queryNorms[f + 4]).Store(keys + 9 * W);
            TKernel.Finish(s5a, na, queryNorms[f + 5]).Store(keys + 10 * W);
            TKernel.Finish(s5b, nb, queryNorms[f + 5]).Store(keys + 11 * W);
            TKernel.Finish(s6a, na, queryNorms[f + 6]).Store(keys + 12 * W);
            TKernel.Finish(s6b, nb, queryNorms[f + 6]).Store(keys + 13 * W);
            TKernel.Finish(s7a, na, queryNorms[f + 7]).Store(keys + 14 * W);
            TKernel.Finish(s7b, nb, queryNorms[f + 7]).Store(keys + 15 * W);
            for (int i = 0; i < QueriesPerTile; i++)
            {
                ref var top = ref tops[f + i];
                var first = Vector512.Load(keys + 2 * i * W);
                var second = Vector512.Load(keys + (2 * i + 1) * W);
                if (Vector512.LessThanAny(Vector512.Min(first, second), Vector512.Create(top.IsFull ? top.Worst : float.PositiveInfinity)))
                    Offer(ref top, first, second, index);
            }
        }
    }

    private static void Offer(ref TopK<float> top, Vector256<float> first, Vector256<float> second, int index)
    {
        var threshold = Vector256.Create(top.IsFull ? top.Worst : float.PositiveInfinity);
        uint mask = Vector256.LessThan(first, threshold).ExtractMostSignificantBits()
                    | (Vector256.LessThan(second, threshold).ExtractMostSignificantBits() << 8);
        while (mask != 0)
        {
            int lane = BitOperations.TrailingZeroCount(mask);
            top.TryInsert(lane < Vector256<float>.Count ? first.GetElement(lane) : second.GetElement(lane - Vector256<float>.Count), index + lane);
            mask &= mask - 1;
        }
    }

    private static void Offer(ref TopK<float> top, Vector512<float> first, Vector512<float> second, int index)
    {
        var threshold = Vector512.Create(top.IsFull ? top.Worst : float.PositiveInfinity);
        ulong mask = Vector512.LessThan(first, threshold).ExtractMostSignificantBits()
                    | (Vector512.LessThan(second, threshold).ExtractMostSignificantBits() << 16);
        while (mask != 0)
        {
            int lane = BitOperations.TrailingZeroCount(mask);
            top.TryInsert(lane < Vector512<float>.Count ? first.GetElement(lane) : second.GetElement(lane - Vector512<float>.Count), index + lane);
            mask &= mask - 1;
        }
    }
}
