using System.Numerics;

namespace Scalearn.Trees;

/// <summary>
/// Gini or entropy trees. Per candidate feature the node's rows are binned by code into weighted class counts
/// (a histogram over all codes when the feature has few distinct values for the node size, else a sort of the node's
/// codes), then one left-to-right scan scores every threshold with incrementally updated sums.
/// </summary>
internal sealed class ClassificationGrower : TreeGrower
{
    private readonly int _classes;
    private readonly int[] _classOf;
    private readonly bool _entropy;
    private readonly double[] _groupWeights;
    private readonly int[] _groupCounts;
    private readonly int[] _groupCodes;
    private readonly long[] _keys;
    private readonly double[] _left;
    private readonly double[] _right;
    private double[] _xLogX = [];
    private bool _integerWeights;

    /// <param name="classOf">Class index by source row.</param>
    public ClassificationGrower(FeatureEncoding encoding, TreeSettings settings, int classes, int[] classOf, bool entropy)
        : base(encoding, settings, classes, classes)
    {
        _classes = classes;
        _classOf = classOf;
        _entropy = entropy;
        int maxBins = 1;
        foreach (var v in encoding.Values) maxBins = Math.Max(maxBins, v.Length);
        int groups = Math.Max(maxBins, encoding.Rows);
        _groupWeights = new double[groups * classes];
        _groupCounts = new int[groups];
        _groupCodes = new int[encoding.Rows];
        _keys = new long[encoding.Rows];
        _left = new double[classes];
        _right = new double[classes];
    }

    /// <summary>
    /// Multiplies the row weights (ones or bootstrap counts) of Samples[0, count) by class weights: none when
    /// <paramref name="mode"/> is null, <paramref name="fixedWeights"/> for "balanced", weights from this sample's
    /// class totals for "balanced_subsample". Returns the total weight.
    /// </summary>
    public double ApplyClassWeights(int count, string? mode, double[] fixedWeights)
    {
        var weight = Weight;
        var samples = Samples;
        double[]? factors = mode switch
        {
            null => null,
            "balanced_subsample" => SubsampleWeights(count),
            _ => fixedWeights,
        };
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            int r = samples[i];
            if (factors is not null) weight[r] *= factors[_classOf[r]];
            total += weight[r];
        }
        return total;
    }

    private double[] SubsampleWeights(int count)
    {
        var totals = new double[_classes];
        for (int i = 0; i < count; i++) totals[_classOf[Samples[i]]] += Weight[Samples[i]];
        double all = totals.Sum();
        int present = totals.Count(t => t > 0);
        return totals.Select(t => t > 0 ? all / (present * t) : 0).ToArray();
    }

    /// <summary>Call after setting Weight: integer weights (bootstrap counts) let entropy use a table of n*ln(n).</summary>
    public void PrepareWeights(int sampleCount, bool integerWeights)
    {
        _integerWeights = integerWeights && _entropy;
        if (!_integerWeights) return;
        double total = 0;
        for (int i = 0; i < sampleCount; i++) total += Weight[Samples[i]];
        int size = (int)total + 2;
        if (_xLogX.Length < size)
        {
            _xLogX = new double[size];
            for (int i = 1; i < size; i++) _xLogX[i] = i * Math.Log(i);
        }
    }

    protected override void ComputeStats(int start, int end, Span<double> stats)
    {
        stats.Clear();
        var samples = Samples;
        var w = Weight;
        var y = _classOf;
        for (int i = start; i < end; i++)
        {
            int r = samples[i];
            stats[y[r]] += w[r];
        }
    }

    protected override double StatsWeight(ReadOnlySpan<double> stats)
    {
        double total = 0;
        foreach (var v in stats) total += v;
        return total;
    }

    protected override double Impurity(ReadOnlySpan<double> stats)
    {
        double total = StatsWeight(stats);
        if (total <= 0) return 0;
        double result = _entropy ? 0 : 1;
        foreach (var c in stats)
        {
            if (c <= 0) continue;
            double p = c / total;
            if (_entropy) result -= p * Math.Log2(p);
            else result -= p * p;
        }
        return result;
    }

    protected override void LeafValue(ReadOnlySpan<double> stats, Span<double> value)
    {
        double total = StatsWeight(stats);
        for (int k = 0; k < value.Length; k++) value[k] = total > 0 ? stats[k] / total : 0;
    }

    protected override double SplitProxy(ReadOnlySpan<double> left, ReadOnlySpan<double> node, double leftWeight, double nodeWeight)
    {
        double rightWeight = nodeWeight - leftWeight;
        double l = 0, r = 0;
        if (_entropy)
        {
            for (int k = 0; k < left.Length; k++) { l += XLogX(left[k]); r += XLogX(node[k] - left[k]); }
            return l + r - XLogX(leftWeight) - XLogX(rightWeight);
        }
        for (int k = 0; k < left.Length; k++) { l += left[k] * left[k]; r += (node[k] - left[k]) * (node[k] - left[k]); }
        return l / leftWeight + r / rightWeight;
    }

    private double XLogX(double x) => _integerWeights ? _xLogX[(int)(x + 0.5)] : x > 0 ? x * Math.Log(x) : 0;

    protected override bool ScanBest(int feature, int start, int end, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int bins = Encoding.Values[feature].Length;
        int m = end - start;
        bool histogram = (long)bins * (_classes + 1) <= 4L * m * (BitOperations.Log2((uint)m) + 1);
        int groups;
        int[]? codes = null;
        if (Encoding.ByteCodes[feature] is { } b)
            groups = histogram ? Histogram(b, start, end, bins) : SortedGroups(b, start, end);
        else
            groups = histogram ? Histogram(Encoding.IntCodes[feature]!, start, end, bins) : SortedGroups(Encoding.IntCodes[feature]!, start, end);
        if (!histogram) codes = _groupCodes;
        return Scan(feature, groups, codes, nodeCount, nodeWeight, ref best);
    }

    private int Histogram<T>(T[] codes, int start, int end, int bins) where T : unmanaged, IBinaryInteger<T>
    {
        int k = _classes;
        var weights = _groupWeights;
        var counts = _groupCounts;
        weights.AsSpan(0, bins * k).Clear();
        counts.AsSpan(0, bins).Clear();
        var samples = Samples;
        var w = Weight;
        var y = _classOf;
        for (int i = start; i < end; i++)
        {
            int r = samples[i];
            int bin = int.CreateTruncating(codes[r]);
            weights[bin * k + y[r]] += w[r];
            counts[bin]++;
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
        int k = _classes;
        var weights = _groupWeights;
        var counts = _groupCounts;
        var w = Weight;
        var y = _classOf;
        int groups = 0, previous = -1;
        for (int i = 0; i < m; i++)
        {
            int code = (int)(keys[i] >> 32);
            int r = (int)(uint)keys[i];
            if (code != previous)
            {
                _groupCodes[groups] = code;
                weights.AsSpan(groups * k, k).Clear();
                counts[groups] = 0;
                groups++;
                previous = code;
            }
            weights[(groups - 1) * k + y[r]] += w[r];
            counts[groups - 1]++;
        }
        return groups;
    }

    private bool Scan(int feature, int groups, int[]? codes, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int k = _classes;
        var weights = _groupWeights;
        var counts = _groupCounts;
        var left = _left;
        var right = _right;
        Array.Clear(left);
        NodeStats.CopyTo(right, 0);
        int minLeaf = Settings.MinSamplesLeaf;
        double minWeight = Settings.MinWeightLeaf;
        double sumLeft = 0, sumRight = 0;
        if (_entropy) for (int c = 0; c < k; c++) sumRight += XLogX(right[c]);
        else for (int c = 0; c < k; c++) sumRight += right[c] * right[c];
        int leftCount = 0, previous = -1, bestGroup = -1, bestNext = -1, nonEmpty = 0;
        double leftWeight = 0, bestProxy = best.Proxy;
        bool entropy = _entropy;
        for (int g = 0; g < groups; g++)
        {
            int count = counts[g];
            if (count == 0) continue;
            if (previous >= 0)
            {
                double rightWeight = nodeWeight - leftWeight;
                if (leftCount >= minLeaf && leftWeight >= minWeight && rightWeight >= minWeight)
                {
                    double proxy = entropy
                        ? sumLeft + sumRight - XLogX(leftWeight) - XLogX(rightWeight)
                        : sumLeft / leftWeight + sumRight / rightWeight;
                    if (proxy > bestProxy) { bestProxy = proxy; bestGroup = previous; bestNext = g; }
                }
            }
            int offset = g * k;
            double groupWeight = 0;
            for (int c = 0; c < k; c++)
            {
                double v = weights[offset + c];
                if (v == 0) continue;
                groupWeight += v;
                if (entropy)
                {
                    sumLeft += XLogX(left[c] + v) - XLogX(left[c]);
                    sumRight += XLogX(right[c] - v) - XLogX(right[c]);
                }
                else
                {
                    sumLeft += v * (2 * left[c] + v);
                    sumRight += v * (v - 2 * right[c]);
                }
                left[c] += v;
                right[c] -= v;
            }
            leftWeight += groupWeight;
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
