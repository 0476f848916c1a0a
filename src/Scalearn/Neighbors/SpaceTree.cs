using Scalearn.Data;

namespace Scalearn.Neighbors;

/// <summary>
/// A k-d tree (axis-aligned boxes) or ball tree (centroid + radius) over the fitted points, searched depth first with
/// the nearer child first and pruning by a lower bound on the distance to a node. Both split at the median of the
/// coordinate with the largest spread, as scikit-learn's trees do; leaves hold at most leaf_size points.
/// Distances are computed in float64 exactly as the brute-force reference, so results are identical.
/// </summary>
internal sealed class SpaceTree : NeighborSearcher
{
    private const int QueryBlock = 64;
    // A computed ball bound can exceed the true one by rounding; never prune on a margin that small.
    private const double PruneSlack = 1 - 1e-10;

    private readonly bool _balls;
    private readonly int _leafSize;
    private readonly int[] _order;
    private readonly List<(int Start, int End, int Left, int Right)> _nodes = [];
    private readonly List<double> _lower = [], _upper = [], _centroids = [], _radii = [];

    public SpaceTree(Matrix points, Distance distance, bool balls, int leafSize) : base(points, distance)
    {
        if (distance.Kind == DistanceKind.Cosine) throw new ArgumentException("Tree searches need a true metric; cosine uses brute force.");
        _balls = balls;
        _leafSize = leafSize;
        _order = Enumerable.Range(0, points.Rows).ToArray();
        Build(0, points.Rows, new double[points.Rows]);
    }

    public int NodeCount => _nodes.Count;

    private int Build(int start, int end, double[] keys)
    {
        int d = Points.Cols;
        int node = _nodes.Count;
        _nodes.Add((start, end, -1, -1));
        var lo = new double[d];
        var hi = new double[d];
        Array.Fill(lo, double.PositiveInfinity);
        Array.Fill(hi, double.NegativeInfinity);
        for (int i = start; i < end; i++)
        {
            var row = Points.Row(_order[i]);
            for (int j = 0; j < d; j++) { lo[j] = Math.Min(lo[j], row[j]); hi[j] = Math.Max(hi[j], row[j]); }
        }
        if (_balls)
        {
            var centroid = new double[d];
            for (int i = start; i < end; i++)
            {
                var row = Points.Row(_order[i]);
                for (int j = 0; j < d; j++) centroid[j] += row[j];
            }
            for (int j = 0; j < d; j++) centroid[j] /= end - start;
            double radius = 0;
            for (int i = start; i < end; i++) radius = Math.Max(radius, Distance.Exact(centroid, Points.Row(_order[i])));
            _centroids.AddRange(centroid);
            _radii.Add(radius);
        }
        else
        {
            _lower.AddRange(lo);
            _upper.AddRange(hi);
        }
        if (end - start <= _leafSize) return node;

        int split = 0;
        for (int j = 1; j < d; j++) if (hi[j] - lo[j] > hi[split] - lo[split]) split = j;
        if (hi[split] == lo[split]) return node; // all points identical: nothing to split
        for (int i = start; i < end; i++) keys[i] = Points[_order[i], split];
        Array.Sort(keys, _order, start, end - start);
        int middle = start + (end - start) / 2;
        int left = Build(start, middle, keys);
        int right = Build(middle, end, keys);
        _nodes[node] = (start, end, left, right);
        return node;
    }

    public override void Search(DataView queries, int k, double[] distances, int[] indices, int parallelism) =>
        ForEachBlock(queries.Count, QueryBlock, parallelism, (from, to) =>
        {
            var keys = new double[k];
            var candidates = new int[k];
            for (int i = from; i < to; i++)
            {
                var query = queries.Row(i);
                var best = new TopK<double>(keys, candidates, 0, k);
                Visit(0, query, LowerBound(0, query), ref best);
                WriteResult(ref best, distances.AsSpan(i * k, k), indices.AsSpan(i * k, k));
            }
        });

    private void Visit(int node, ReadOnlySpan<double> query, double bound, ref TopK<double> best)
    {
        if (best.IsFull && bound * PruneSlack > best.Worst) return;
        var (start, end, left, right) = _nodes[node];
        if (left < 0)
        {
            for (int i = start; i < end; i++) best.TryInsert(Distance.Reduced(query, Points.Row(_order[i])), _order[i]);
            return;
        }
        double leftBound = LowerBound(left, query), rightBound = LowerBound(right, query);
        if (leftBound <= rightBound)
        {
            Visit(left, query, leftBound, ref best);
            Visit(right, query, rightBound, ref best);
        }
        else
        {
            Visit(right, query, rightBound, ref best);
            Visit(left, query, leftBound, ref best);
        }
    }

    /// <summary>A reduced distance no larger than that of any point in the node.</summary>
    private double LowerBound(int node, ReadOnlySpan<double> query)
    {
        int d = query.Length;
        if (_balls)
        {
            var centroid = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_centroids).Slice(node * d, d);
            return Distance.ToReduced(Math.Max(0, Distance.Exact(query, centroid) - _radii[node]));
        }
        var lower = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_lower).Slice(node * d, d);
        var upper = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_upper).Slice(node * d, d);
        double sum = 0;
        for (int j = 0; j < d; j++)
        {
            double gap = Math.Max(0, Math.Max(lower[j] - query[j], query[j] - upper[j]));
            sum += Distance.Kind switch
            {
                DistanceKind.Euclidean => gap * gap,
                DistanceKind.Manhattan => gap,
                _ => Math.Pow(gap, Distance.P),
            };
        }
        return sum;
    }
}
