using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;

namespace Scalearn.Trees;

/// <summary>
/// Gini or entropy trees. Per candidate feature the node's rows are visited in code order, either as weighted class
/// histograms per code (large nodes, few codes) or row by row after sorting the node's rows by code
/// (<see cref="CodeSorter"/>); one left-to-right scan scores every threshold with incrementally updated sums.
/// </summary>
internal sealed class ClassificationGrower : TreeGrower
{
    private readonly int _classes;
    private readonly int[] _classOf;
    private readonly bool _entropy;
    private readonly double[] _groupWeights;
    private readonly int[] _groupCounts;
    private readonly CodeSorter _sorter;
    private readonly double[] _left;
    private readonly double[] _right;
    private double[] _xLogX = [];
    private bool _integerWeights;

    /// <param name="classOf">Class index by source row.</param>
    /// <param name="maxRows">The training view's size (see <see cref="TreeGrower"/>).</param>
    public ClassificationGrower(FeatureEncoding encoding, TreeSettings settings, int classes, int[] classOf, bool entropy, int maxRows)
        : base(encoding, settings, classes, classes, maxRows)
    {
        _classes = classes;
        _classOf = classOf;
        _entropy = entropy;
        int maxBins = 1;
        foreach (var v in encoding.Values) maxBins = Math.Max(maxBins, v.Length);
        _groupWeights = new double[maxBins * classes];
        _groupCounts = new int[maxBins + 1];
        _sorter = new CodeSorter(Samples.Length);
        _left = new double[classes];
        _right = new double[classes];
    }

    /// <summary>
    /// Multiplies the row weights (ones or bootstrap counts) of Samples[0, count) by class weights:
    /// <paramref name="fixedWeights"/>, or when <paramref name="subsample"/> "balanced" weights from this sample's class
    /// totals (balanced_subsample). Returns the total weight.
    /// </summary>
    public double ApplyClassWeights(int count, bool subsample, double[]? fixedWeights)
    {
        var weight = Weight;
        var samples = Samples;
        var factors = subsample ? SubsampleWeights(count) : fixedWeights;
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
        for (int k = 0; k < stats.Length; k++) stats[k] = 0;   // a loop: Span.Clear calls out to memset, costly on 10 doubles per node
        ref int samples = ref MemoryMarshal.GetArrayDataReference(Samples);
        ref double w = ref MemoryMarshal.GetArrayDataReference(Weight);
        ref int y = ref MemoryMarshal.GetArrayDataReference(_classOf);
        for (int i = start; i < end; i++)
        {
            int r = Unsafe.Add(ref samples, i);
            stats[Unsafe.Add(ref y, r)] += Unsafe.Add(ref w, r);
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

    protected override double SplitProxy(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double leftWeight, double rightWeight)
    {
        double l = 0, r = 0;
        if (_entropy)
        {
            for (int k = 0; k < left.Length; k++) { l += XLogX(left[k]); r += XLogX(right[k]); }
            return l + r - XLogX(leftWeight) - XLogX(rightWeight);
        }
        for (int k = 0; k < left.Length; k++) { l += left[k] * left[k]; r += right[k] * right[k]; }
        return l / leftWeight + r / rightWeight;
    }

    private double XLogX(double x) => XLogX(x, _integerWeights ? _xLogX : null);

    /// <summary>x ln x, from <paramref name="table"/> (indexed by the integer x) when given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double XLogX(double x, double[]? table) => table is not null ? table[(int)(x + 0.5)] : x > 0 ? x * Math.Log(x) : 0;

    protected override bool ScanBest(int feature, int start, int end, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int bins = Encoding.Values[feature].Length;
        int m = end - start;
        // Class histograms per code cost codes x classes to scan; sorting the node's rows by code costs a few passes over them.
        long histogramCost = m + 2L * bins * _classes;
        var bytes = Encoding.ByteCodes[feature];
        var ints = Encoding.IntCodes[feature];
        if (histogramCost <= CodeSorter.EstimatedCost(m, bins))
        {
            int groups = bytes is not null ? Histogram(bytes, start, end, bins) : Histogram(ints!, start, end, bins);
            return ScanHistogram(feature, groups, nodeCount, nodeWeight, ref best);
        }
        bool varies = bytes is not null ? _sorter.Sort(bytes, Samples, start, end, bins) : _sorter.Sort(ints!, Samples, start, end, bins);
        return varies && ScanOrdered(feature, m, nodeWeight, ref best);
    }

    /// <summary>Scores every threshold by moving the code-ordered rows one at a time from right to left (O(1) per row).</summary>
    private bool ScanOrdered(int feature, int m, double nodeWeight, ref BestSplit best)
    {
        // Refs and a local n*ln(n) table: the JIT would otherwise bounds-check and reload fields after every store.
        ref int rows = ref MemoryMarshal.GetArrayDataReference(_sorter.Rows);
        ref int codes = ref MemoryMarshal.GetArrayDataReference(_sorter.Codes);
        var table = _integerWeights ? _xLogX : null;
        var left = _left;
        var right = _right;
        Array.Clear(left);
        NodeStats.CopyTo(right, 0);
        int k = _classes;
        double sumLeft = 0, sumRight = 0;
        if (_entropy) for (int c = 0; c < k; c++) sumRight += XLogX(right[c]);
        else for (int c = 0; c < k; c++) sumRight += right[c] * right[c];
        int minLeaf = Settings.MinSamplesLeaf;
        double minWeight = Settings.MinWeightLeaf;
        double leftWeight = 0, bestProxy = best.Proxy;
        int bestIndex = -1;
        ref int y = ref MemoryMarshal.GetArrayDataReference(_classOf);
        ref double w = ref MemoryMarshal.GetArrayDataReference(Weight);
        ref double l = ref MemoryMarshal.GetArrayDataReference(left);
        ref double rt = ref MemoryMarshal.GetArrayDataReference(right);
        int last = m - minLeaf;
        if (_entropy)
        {
            for (int i = 0; i < last; i++)
            {
                int r = Unsafe.Add(ref rows, i);
                int c = Unsafe.Add(ref y, r);
                double v = Unsafe.Add(ref w, r);
                ref double lc = ref Unsafe.Add(ref l, c);
                ref double rc = ref Unsafe.Add(ref rt, c);
                sumLeft += XLogX(lc + v, table) - XLogX(lc, table);
                sumRight += XLogX(rc - v, table) - XLogX(rc, table);
                lc += v;
                rc -= v;
                leftWeight += v;
                if (Unsafe.Add(ref codes, i + 1) == Unsafe.Add(ref codes, i) || i + 1 < minLeaf) continue;
                double rightWeight = nodeWeight - leftWeight;
                if (leftWeight < minWeight || rightWeight < minWeight) continue;
                double proxy = sumLeft + sumRight - XLogX(leftWeight, table) - XLogX(rightWeight, table);
                if (proxy > bestProxy) { bestProxy = proxy; bestIndex = i; }
            }
        }
        else
        {
            for (int i = 0; i < last; i++)
            {
                int r = Unsafe.Add(ref rows, i);
                int c = Unsafe.Add(ref y, r);
                double v = Unsafe.Add(ref w, r);
                ref double lc = ref Unsafe.Add(ref l, c);
                ref double rc = ref Unsafe.Add(ref rt, c);
                sumLeft += v * (2 * lc + v);
                sumRight += v * (v - 2 * rc);
                lc += v;
                rc -= v;
                leftWeight += v;
                if (Unsafe.Add(ref codes, i + 1) == Unsafe.Add(ref codes, i) || i + 1 < minLeaf) continue;
                double rightWeight = nodeWeight - leftWeight;
                if (leftWeight < minWeight || rightWeight < minWeight) continue;
                double proxy = sumLeft / leftWeight + sumRight / rightWeight;
                if (proxy > bestProxy) { bestProxy = proxy; bestIndex = i; }
            }
        }
        if (bestIndex >= 0)
        {
            var values = Encoding.Values[feature];
            int leftCode = _sorter.Codes[bestIndex];
            best = new BestSplit { Proxy = bestProxy, Feature = feature, LeftCode = leftCode, Threshold = Midpoint(values[leftCode], values[_sorter.Codes[bestIndex + 1]]) };
        }
        return true;
    }

    private int Histogram<T>(T[] codes, int start, int end, int bins) where T : unmanaged, IBinaryInteger<T>
    {
        int k = _classes;
        var weights = _groupWeights;
        var counts = _groupCounts;
        weights.AsSpan(0, bins * k).Clear();
        counts.AsSpan(0, bins).Clear();
        ref int samples = ref MemoryMarshal.GetArrayDataReference(Samples);
        ref double w = ref MemoryMarshal.GetArrayDataReference(Weight);
        ref int y = ref MemoryMarshal.GetArrayDataReference(_classOf);
        ref T code = ref MemoryMarshal.GetArrayDataReference(codes);
        ref double histogram = ref MemoryMarshal.GetArrayDataReference(weights);
        ref int binCount = ref MemoryMarshal.GetArrayDataReference(counts);
        for (int i = start; i < end; i++)
        {
            int r = Unsafe.Add(ref samples, i);
            int bin = int.CreateTruncating(Unsafe.Add(ref code, r));
            Unsafe.Add(ref histogram, bin * k + Unsafe.Add(ref y, r)) += Unsafe.Add(ref w, r);
            Unsafe.Add(ref binCount, bin)++;
        }
        return bins;
    }

    /// <summary>Scores the threshold between each pair of adjacent non-empty codes of the class histograms.</summary>
    private bool ScanHistogram(int feature, int bins, int nodeCount, double nodeWeight, ref BestSplit best)
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
        for (int g = 0; g < bins; g++)
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
            best = new BestSplit { Proxy = bestProxy, Feature = feature, LeftCode = bestGroup, Threshold = Midpoint(values[bestGroup], values[bestNext]) };
        }
        return true;
    }
}
