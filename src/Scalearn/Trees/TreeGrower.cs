using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;
using Scalearn.Numerics;

namespace Scalearn.Trees;

/// <summary>
/// Grows one tree on encoded features. Rows are source-row indices in <see cref="Samples"/> (only rows of positive
/// weight), partitioned in place node by node; all per-node work reuses this instance's buffers, so a grower is
/// reused for every tree a thread builds. Depth-first like scikit-learn, or best-first when max_leaf_nodes is set.
/// Derived classes supply the criterion (node statistics, impurity, and the split scan over one feature).
/// </summary>
internal abstract class TreeGrower
{
    private const double Epsilon = 2.220446049250313e-16;

    private readonly int[] _features;
    private readonly int[] _constantFeatures;
    private PendingNode[] _records = new PendingNode[64];
    private double[] _recordStats;
    private int[] _nodeFeature = new int[64];
    private double[] _nodeThreshold = new double[64];
    private int[] _nodeLeft = new int[64];
    private int[] _nodeRight = new int[64];
    private double[] _nodeValue;
    private double[] _nodeWeight = new double[64];
    private double[] _nodeImpurity = new double[64];
    private int _nodeCount;
    private double _rootWeight;

    /// <param name="maxRows">The most distinct rows a tree holds (the training view's size): per-fit buffers are sized by it, not by the dataset.</param>
    protected TreeGrower(FeatureEncoding encoding, TreeSettings settings, int statWidth, int valueWidth, int maxRows)
    {
        Encoding = encoding;
        Settings = settings;
        StatWidth = statWidth;
        ValueWidth = valueWidth;
        Samples = new int[Math.Min(maxRows, encoding.Rows)];
        Weight = new double[encoding.Rows];
        _features = new int[encoding.FeatureCount];
        _constantFeatures = new int[encoding.FeatureCount];
        _nodeValue = new double[64 * valueWidth];
        _recordStats = new double[64 * statWidth];
        NodeStats = new double[statWidth];
        LeftStats = new double[statWidth];
        RightStats = new double[statWidth];
    }

    protected FeatureEncoding Encoding { get; }
    public TreeSettings Settings { get; set; }
    protected int StatWidth { get; }
    protected int ValueWidth { get; }

    /// <summary>Source rows of positive weight; [0, SampleCount) is the training set of the current tree.</summary>
    public int[] Samples { get; }

    /// <summary>Weight by source row (bootstrap count times class weight); zero for rows not in the tree.</summary>
    public double[] Weight { get; }

    protected Rng Random { get; private set; } = new(0);
    protected double[] NodeStats { get; }
    protected double[] LeftStats { get; }
    protected double[] RightStats { get; }

    protected abstract void ComputeStats(int start, int end, Span<double> stats);
    protected abstract double StatsWeight(ReadOnlySpan<double> stats);
    protected abstract double Impurity(ReadOnlySpan<double> stats);
    protected abstract void LeafValue(ReadOnlySpan<double> stats, Span<double> value);

    /// <summary>Scans every threshold of a feature; updates <paramref name="best"/> when better. False when the feature is constant in the node.</summary>
    protected abstract bool ScanBest(int feature, int start, int end, int nodeCount, double nodeWeight, ref BestSplit best);

    /// <summary>Proxy (larger is better) of the split whose left side has <paramref name="left"/> statistics.</summary>
    protected abstract double SplitProxy(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double leftWeight, double rightWeight);

    /// <summary>
    /// The split's weighted impurity decrease as scikit-learn reports it (compared with min_impurity_decrease and
    /// ordering best-first growth): N_t / N * (impurity - N_tR / N_t * right - N_tL / N_t * left).
    /// </summary>
    protected virtual double Improvement(double weight, double impurity, double leftWeight, double leftImpurity, double rightWeight,
        double rightImpurity, ReadOnlySpan<double> left, ReadOnlySpan<double> right) =>
        weight / _rootWeight * (impurity - rightWeight / weight * rightImpurity - leftWeight / weight * leftImpurity);

    /// <summary>Grows a tree on Samples[0, sampleCount) with Weight set; the caller clears Weight afterwards.</summary>
    public DecisionTree Grow(int sampleCount, Rng random)
    {
        Random = random;
        _nodeCount = 0;
        for (int f = 0; f < _features.Length; f++) _features[f] = f;
        ComputeStats(0, sampleCount, NodeStats);
        _rootWeight = StatsWeight(NodeStats);
        if (Settings.MaxLeafNodes is int maxLeaves) GrowBestFirst(sampleCount, maxLeaves);
        else GrowDepthFirst(sampleCount);
        return Finish();
    }

    private void GrowDepthFirst(int sampleCount)
    {
        // An explicit stack whose slots also hold each pending node's statistics, computed by its parent.
        // The parent also computed each child's weight and impurity (the same functions of the same statistics), so a
        // node never recomputes them: tiny trees spend a large share of their time on these per-node sums and logs.
        int top = 0;
        _records[top] = new PendingNode(0, sampleCount, 0, -1, false, 0, _rootWeight, Impurity(NodeStats));
        NodeStats.CopyTo(_recordStats, 0);
        top++;
        while (top > 0)
        {
            top--;
            var (start, end, depth, parent, isLeft, constants, weight, impurity) = _records[top];
            _recordStats.AsSpan(top * StatWidth, StatWidth).CopyTo(NodeStats);
            var outcome = EvaluateNode(start, end, depth, constants, weight, impurity);
            int node = AddNode(parent, isLeft, NodeStats, weight, impurity);
            if ((node & 1023) == 1023) Execution.FitInterruption.Check();
            if (outcome.Feature < 0) continue;
            SetSplit(node, outcome);
            if (top + 2 > _records.Length)
            {
                Array.Resize(ref _records, _records.Length * 2);
                Array.Resize(ref _recordStats, _records.Length * StatWidth);
            }
            _records[top] = new PendingNode(outcome.Position, end, depth + 1, node, false, outcome.Constants, outcome.RightWeight, outcome.RightImpurity);
            RightStats.CopyTo(_recordStats, top * StatWidth);
            _records[top + 1] = new PendingNode(start, outcome.Position, depth + 1, node, true, outcome.Constants, outcome.LeftWeight, outcome.LeftImpurity);
            LeftStats.CopyTo(_recordStats, (top + 1) * StatWidth);
            top += 2;
        }
    }

    private readonly record struct PendingNode(int Start, int End, int Depth, int Parent, bool IsLeft, int Constants, double Weight, double Impurity);

    private void GrowBestFirst(int sampleCount, int maxLeafNodes)
    {
        var frontier = new PriorityQueue<FrontierNode, (double, int)>();
        int splitsLeft = maxLeafNodes - 1;
        Enqueue(frontier, 0, sampleCount, 0, -1, false);
        while (frontier.Count > 0)
        {
            var item = frontier.Dequeue();
            if (item.Outcome.Feature < 0 || splitsLeft <= 0) continue;
            splitsLeft--;
            SetSplit(item.Node, item.Outcome);
            Enqueue(frontier, item.Start, item.Outcome.Position, item.Depth + 1, item.Node, true);
            Enqueue(frontier, item.Outcome.Position, item.End, item.Depth + 1, item.Node, false);
        }
    }

    private void Enqueue(PriorityQueue<FrontierNode, (double, int)> frontier, int start, int end, int depth, int parent, bool isLeft)
    {
        // Nodes are not visited depth-first here, so constant features are not carried from parent to child.
        ComputeStats(start, end, NodeStats);
        double weight = StatsWeight(NodeStats), impurity = Impurity(NodeStats);
        var outcome = EvaluateNode(start, end, depth, 0, weight, impurity);
        int node = AddNode(parent, isLeft, NodeStats, weight, impurity);
        // Highest improvement first; ties in creation order.
        frontier.Enqueue(new FrontierNode(start, end, depth, node, outcome), (-outcome.Improvement, node));
    }

    private sealed record FrontierNode(int Start, int End, int Depth, int Node, NodeOutcome Outcome);

    /// <summary>A node's split (Feature -1 for a leaf) and, for a split, its children's weights and impurities.</summary>
    private readonly record struct NodeOutcome(int Feature, double Threshold, int Position, double Improvement, int Constants,
        double LeftWeight = 0, double LeftImpurity = 0, double RightWeight = 0, double RightImpurity = 0);

    /// <summary>
    /// Unless the node (statistics in NodeStats, of the given weight and impurity) is a leaf, finds and applies its split.
    /// </summary>
    private NodeOutcome EvaluateNode(int start, int end, int depth, int knownConstants, double weight, double impurity)
    {
        var leaf = new NodeOutcome(-1, 0, end, double.NegativeInfinity, knownConstants);
        int count = end - start;
        var s = Settings;
        if (depth >= s.MaxDepth || count < s.MinSamplesSplit || count < 2 * s.MinSamplesLeaf || weight < 2 * s.MinWeightLeaf || impurity <= Epsilon)
            return leaf;

        var best = FindSplit(start, end, count, weight, knownConstants, out int constants);
        if (best.Feature < 0) return leaf with { Constants = constants };
        int position = Partition(best.Feature, start, end, best.LeftCode);
        if (position == start || position == end) return leaf with { Constants = constants };
        ComputeStats(start, position, LeftStats);
        ComputeStats(position, end, RightStats);
        double leftWeight = StatsWeight(LeftStats), rightWeight = StatsWeight(RightStats);
        double leftImpurity = Impurity(LeftStats), rightImpurity = Impurity(RightStats);
        double improvement = Improvement(weight, impurity, leftWeight, leftImpurity, rightWeight, rightImpurity, LeftStats, RightStats);
        if (improvement + Epsilon < s.MinImpurityDecrease) return leaf with { Constants = constants };
        return new NodeOutcome(best.Feature, best.Threshold, position, improvement, constants, leftWeight, leftImpurity, rightWeight, rightImpurity);
    }

    /// <summary>
    /// Draws candidate features like scikit-learn: features known to be constant in this node sit in
    /// _features[0, knownConstants) (in the order kept in _constantFeatures); newly found constants are moved next to
    /// them, and they count as visited but never stop the search before one non-constant feature has been tried.
    /// </summary>
    private BestSplit FindSplit(int start, int end, int count, double weight, int knownConstants, out int totalConstants)
    {
        var best = BestSplit.None;
        var features = _features;
        int drawnConstants = 0, foundConstants = 0, visited = 0;
        totalConstants = knownConstants;
        int fi = features.Length;
        int maxFeatures = Settings.MaxFeatures;
        bool random = Settings.Splitter == SplitterKind.Random;
        while (fi > totalConstants && (visited < maxFeatures || visited <= foundConstants + drawnConstants))
        {
            visited++;
            int fj = drawnConstants + Random.NextInt(fi - foundConstants - drawnConstants);
            if (fj < knownConstants)
            {
                (features[drawnConstants], features[fj]) = (features[fj], features[drawnConstants]);
                drawnConstants++;
                continue;
            }
            fj += foundConstants;
            int feature = features[fj];
            bool varies = random ? ScanRandom(feature, start, end, count, weight, ref best) : ScanBest(feature, start, end, count, weight, ref best);
            if (!varies)
            {
                (features[fj], features[totalConstants]) = (features[totalConstants], features[fj]);
                foundConstants++;
                totalConstants++;
                continue;
            }
            fi--;
            (features[fi], features[fj]) = (features[fj], features[fi]);
        }
        // Drawing shuffled the known constants among themselves: restore their order so that siblings and children
        // see exactly this node's known constants in front, and remember the new ones for the children.
        Array.Copy(_constantFeatures, 0, features, 0, knownConstants);
        Array.Copy(features, knownConstants, _constantFeatures, knownConstants, foundConstants);
        return best;
    }

    /// <summary>scikit-learn's random splitter: one threshold drawn uniformly between the node's min and max value.</summary>
    private bool ScanRandom(int feature, int start, int end, int count, double weight, ref BestSplit best)
    {
        var (min, max) = Encoding.ByteCodes[feature] is { } b ? CodeRange(b, start, end) : CodeRange(Encoding.IntCodes[feature]!, start, end);
        if (min == max) return false;
        var values = Encoding.Values[feature];
        double lo = values[min], hi = values[max];
        double threshold = lo + Random.NextDouble() * (hi - lo);
        if (threshold >= hi) threshold = lo;
        int leftCode = UpperBound(values, min, max, threshold);
        int leftCount = Encoding.ByteCodes[feature] is { } b2 ? CountLeft(b2, start, end, leftCode) : CountLeft(Encoding.IntCodes[feature]!, start, end, leftCode);
        if (leftCount < Settings.MinSamplesLeaf || count - leftCount < Settings.MinSamplesLeaf) return true;
        int position = Partition(feature, start, end, leftCode);
        ComputeStats(start, position, LeftStats);
        ComputeStats(position, end, RightStats);
        double leftWeight = StatsWeight(LeftStats), rightWeight = StatsWeight(RightStats);
        if (leftWeight < Settings.MinWeightLeaf || rightWeight < Settings.MinWeightLeaf) return true;
        double proxy = SplitProxy(LeftStats, RightStats, leftWeight, rightWeight);
        if (proxy > best.Proxy) best = new BestSplit { Proxy = proxy, Feature = feature, LeftCode = leftCode, Threshold = threshold };
        return true;
    }

    /// <summary>Largest code in [min, max) whose value is &lt;= threshold.</summary>
    private static int UpperBound(double[] values, int min, int max, double threshold)
    {
        int lo = min, hi = max - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (values[mid] <= threshold) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    private (int Min, int Max) CodeRange<T>(T[] codes, int start, int end) where T : unmanaged, IBinaryInteger<T>
    {
        int min = int.MaxValue, max = -1;
        var samples = Samples;
        for (int i = start; i < end; i++)
        {
            int c = int.CreateTruncating(codes[samples[i]]);
            if (c < min) min = c;
            if (c > max) max = c;
        }
        return (min, max);
    }

    private int CountLeft<T>(T[] codes, int start, int end, int leftCode) where T : unmanaged, IBinaryInteger<T>
    {
        int n = 0;
        var samples = Samples;
        for (int i = start; i < end; i++) if (int.CreateTruncating(codes[samples[i]]) <= leftCode) n++;
        return n;
    }

    /// <summary>Midpoint threshold between two adjacent distinct values, as scikit-learn computes it.</summary>
    protected static double Midpoint(double left, double right)
    {
        double mid = left / 2.0 + right / 2.0;
        return mid == right || double.IsInfinity(mid) || double.IsNaN(mid) ? left : mid;
    }

    /// <summary>Moves rows with code &lt;= leftCode to the front of [start, end); returns the first right position.</summary>
    protected int Partition(int feature, int start, int end, int leftCode) =>
        Encoding.ByteCodes[feature] is { } b ? Partition(b, start, end, leftCode) : Partition(Encoding.IntCodes[feature]!, start, end, leftCode);

    private int Partition<T>(T[] codes, int start, int end, int leftCode) where T : unmanaged, IBinaryInteger<T>
    {
        ref int samples = ref MemoryMarshal.GetArrayDataReference(Samples);
        ref T code = ref MemoryMarshal.GetArrayDataReference(codes);
        int i = start, j = end - 1;
        while (true)
        {
            while (i <= j && int.CreateTruncating(Unsafe.Add(ref code, Unsafe.Add(ref samples, i))) <= leftCode) i++;
            while (i < j && int.CreateTruncating(Unsafe.Add(ref code, Unsafe.Add(ref samples, j))) > leftCode) j--;
            if (i >= j) return i;
            (Unsafe.Add(ref samples, i), Unsafe.Add(ref samples, j)) = (Unsafe.Add(ref samples, j), Unsafe.Add(ref samples, i));
            i++;
            j--;
        }
    }

    private int AddNode(int parent, bool isLeft, ReadOnlySpan<double> stats, double weight, double impurity)
    {
        int node = _nodeCount++;
        if (node == _nodeFeature.Length)
        {
            int size = node * 2;
            Array.Resize(ref _nodeFeature, size);
            Array.Resize(ref _nodeThreshold, size);
            Array.Resize(ref _nodeLeft, size);
            Array.Resize(ref _nodeRight, size);
            Array.Resize(ref _nodeValue, size * ValueWidth);
            Array.Resize(ref _nodeWeight, size);
            Array.Resize(ref _nodeImpurity, size);
        }
        _nodeFeature[node] = -1;
        _nodeThreshold[node] = 0;
        _nodeLeft[node] = -1;
        _nodeRight[node] = -1;
        LeafValue(stats, _nodeValue.AsSpan(node * ValueWidth, ValueWidth));
        _nodeWeight[node] = weight;
        _nodeImpurity[node] = impurity;
        if (parent >= 0)
        {
            if (isLeft) _nodeLeft[parent] = node;
            else _nodeRight[parent] = node;
        }
        return node;
    }

    private void SetSplit(int node, NodeOutcome outcome)
    {
        _nodeFeature[node] = outcome.Feature;
        _nodeThreshold[node] = outcome.Threshold;
    }

    private DecisionTree Finish()
    {
        int n = _nodeCount;
        int[] feature = _nodeFeature[..n], left = _nodeLeft[..n], right = _nodeRight[..n];
        double[] threshold = _nodeThreshold[..n], value = _nodeValue[..(n * ValueWidth)];
        double[] weight = _nodeWeight[..n], impurity = _nodeImpurity[..n];
        if (Settings.CcpAlpha > 0)
            (feature, threshold, left, right, value, weight, impurity) =
                CostComplexityPruning.Prune(feature, threshold, left, right, value, ValueWidth, weight, impurity, _rootWeight, Settings.CcpAlpha);
        // Importances from the final tree, as scikit-learn computes them: each split's weighted impurity decrease.
        // (Summed straight into the tree's own array: a per-tree Array.Clone showed up as a large share of tiny fits.)
        var importances = new double[_features.Length];
        for (int i = 0; i < feature.Length; i++)
            if (feature[i] >= 0)
                importances[feature[i]] += weight[i] * impurity[i] - weight[left[i]] * impurity[left[i]] - weight[right[i]] * impurity[right[i]];
        double total = 0;
        foreach (var v in importances) total += v;
        if (total > 0) for (int i = 0; i < importances.Length; i++) importances[i] /= total;
        return new DecisionTree(feature, threshold, left, right, value, ValueWidth, importances);
    }
}
