using System.Numerics;

namespace Scalearn.Trees;

/// <summary>
/// Squared-error trees: node statistics are (weight, sum of w*y, sum of w*y^2); a split maximizes
/// sumLeft^2/wLeft + sumRight^2/wRight (scikit-learn's proxy), scanned over per-code groups like the classifier.
/// </summary>
internal sealed class RegressionGrower : TreeGrower
{
    private readonly double[] _target;
    private readonly double[] _groupWeight;
    private readonly double[] _groupSum;
    private readonly int[] _groupCounts;
    private readonly int[] _groupCodes;
    private readonly long[] _keys;

    /// <param name="target">Target by source row.</param>
    public RegressionGrower(FeatureEncoding encoding, TreeSettings settings, double[] target)
        : base(encoding, settings, 3, 1)
    {
        _target = target;
        int maxBins = 1;
        foreach (var v in encoding.Values) maxBins = Math.Max(maxBins, v.Length);
        int groups = Math.Max(maxBins, encoding.Rows);
        _groupWeight = new double[groups];
        _groupSum = new double[groups];
        _groupCounts = new int[groups];
        _groupCodes = new int[encoding.Rows];
        _keys = new long[encoding.Rows];
    }

    protected override void ComputeStats(int start, int end, Span<double> stats)
    {
        double w = 0, wy = 0, wyy = 0;
        var samples = Samples;
        var weight = Weight;
        var y = _target;
        for (int i = start; i < end; i++)
        {
            int r = samples[i];
            double wi = weight[r], yi = y[r];
            w += wi;
            wy += wi * yi;
            wyy += wi * yi * yi;
        }
        stats[0] = w;
        stats[1] = wy;
        stats[2] = wyy;
    }

    protected override double StatsWeight(ReadOnlySpan<double> stats) => stats[0];

    protected override double Impurity(ReadOnlySpan<double> stats)
    {
        if (stats[0] <= 0) return 0;
        double mean = stats[1] / stats[0];
        return Math.Max(0, stats[2] / stats[0] - mean * mean);
    }

    protected override void LeafValue(ReadOnlySpan<double> stats, Span<double> value) => value[0] = stats[0] > 0 ? stats[1] / stats[0] : 0;

    protected override double SplitProxy(ReadOnlySpan<double> left, ReadOnlySpan<double> node, double leftWeight, double nodeWeight)
    {
        double rightSum = node[1] - left[1];
        return left[1] * left[1] / leftWeight + rightSum * rightSum / (nodeWeight - leftWeight);
    }

    protected override bool ScanBest(int feature, int start, int end, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int bins = Encoding.Values[feature].Length;
        int m = end - start;
        bool histogram = (long)bins * 2 <= 4L * m * (BitOperations.Log2((uint)m) + 1);
        int groups;
        if (Encoding.ByteCodes[feature] is { } b)
            groups = histogram ? Histogram(b, start, end, bins) : SortedGroups(b, start, end);
        else
            groups = histogram ? Histogram(Encoding.IntCodes[feature]!, start, end, bins) : SortedGroups(Encoding.IntCodes[feature]!, start, end);
        return Scan(feature, groups, histogram ? null : _groupCodes, nodeCount, nodeWeight, ref best);
    }

    private int Histogram<T>(T[] codes, int start, int end, int bins) where T : unmanaged, IBinaryInteger<T>
    {
        _groupWeight.AsSpan(0, bins).Clear();
        _groupSum.AsSpan(0, bins).Clear();
        _groupCounts.AsSpan(0, bins).Clear();
        var samples = Samples;
        var w = Weight;
        var y = _target;
        for (int i = start; i < end; i++)
        {
            int r = samples[i];
            int bin = int.CreateTruncating(codes[r]);
            _groupWeight[bin] += w[r];
            _groupSum[bin] += w[r] * y[r];
            _groupCounts[bin]++;
        }
        return bins;
    }

    private int SortedGroups<T>(T[] codes, int start, int end) where T : unmanaged, IBinaryInteger<T>
    {
        var samples = Samples;
        int m = end - start;
        var keys = _keys.AsSpan(0, m);
        for (int i = 0; i < m; i++)
        {
            int r = samples[start + i];
            keys[i] = ((long)int.CreateTruncating(codes[r]) << 32) | (uint)r;
        }
        keys.Sort();
        var w = Weight;
        var y = _target;
        int groups = 0, previous = -1;
        for (int i = 0; i < m; i++)
        {
            int code = (int)(keys[i] >> 32);
            int r = (int)(uint)keys[i];
            if (code != previous)
            {
                _groupCodes[groups] = code;
                _groupWeight[groups] = 0;
                _groupSum[groups] = 0;
                _groupCounts[groups] = 0;
                groups++;
                previous = code;
            }
            _groupWeight[groups - 1] += w[r];
            _groupSum[groups - 1] += w[r] * y[r];
            _groupCounts[groups - 1]++;
        }
        return groups;
    }

    private bool Scan(int feature, int groups, int[]? codes, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int minLeaf = Settings.MinSamplesLeaf;
        double minWeight = Settings.MinWeightLeaf;
        double nodeSum = NodeStats[1];
        double leftWeight = 0, leftSum = 0, bestProxy = best.Proxy;
        int leftCount = 0, previous = -1, bestGroup = -1, bestNext = -1, nonEmpty = 0;
        for (int g = 0; g < groups; g++)
        {
            int count = _groupCounts[g];
            if (count == 0) continue;
            if (previous >= 0)
            {
                double rightWeight = nodeWeight - leftWeight;
                if (leftCount >= minLeaf && leftWeight >= minWeight && rightWeight >= minWeight)
                {
                    double rightSum = nodeSum - leftSum;
                    double proxy = leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight;
                    if (proxy > bestProxy) { bestProxy = proxy; bestGroup = previous; bestNext = g; }
                }
            }
            leftWeight += _groupWeight[g];
            leftSum += _groupSum[g];
            leftCount += count;
            previous = g;
            nonEmpty++;
            if (nodeCount - leftCount < minLeaf) break;
        }
        if (nonEmpty <= 1 && leftCount == nodeCount) return false;
        if (bestGroup >= 0)
        {
            var values = Encoding.Values[feature];
            int leftCode = codes is null ? bestGroup : codes[bestGroup];
            int rightCode = codes is null ? bestNext : codes[bestNext];
            best = new BestSplit { Proxy = bestProxy, Feature = feature, LeftCode = leftCode, Threshold = Midpoint(values[leftCode], values[rightCode]) };
        }
        return true;
    }
}
