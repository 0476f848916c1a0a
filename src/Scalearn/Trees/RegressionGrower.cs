using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;

namespace Scalearn.Trees;

/// <summary>
/// Regression trees with scikit-learn's criteria. Node statistics are (weight, sum of w*y, a third sum): w*y^2 for
/// squared_error and friedman_mse, w*y*ln(y) for poisson; absolute_error adds the node's weighted median and its sum
/// of absolute deviations. Per candidate feature the rows are grouped by code (histogram) or sorted by code
/// (<see cref="CodeSorter"/>) and one scan scores every threshold with scikit-learn's proxy: sumL^2/wL + sumR^2/wR
/// (squared_error), (wR sumL - wL sumR)^2 / (wL wR) (friedman_mse), sumL ln(meanL) + sumR ln(meanR) (poisson), or
/// minus the children's absolute deviations (absolute_error, from two passes over a Fenwick tree of target ranks).
/// </summary>
internal sealed class RegressionGrower : TreeGrower
{
    private const double Epsilon = 2.220446049250313e-16;

    private readonly double[] _target;
    private readonly RegressionCriterion _criterion;
    private readonly double[] _groupWeight;
    private readonly double[] _groupSum;
    private readonly int[] _groupCounts;
    private readonly CodeSorter _sorter;
    private readonly TargetMedians? _medians;

    /// <param name="target">Target by source row.</param>
    /// <param name="maxRows">The training view's size (see <see cref="TreeGrower"/>).</param>
    public RegressionGrower(FeatureEncoding encoding, TreeSettings settings, double[] target, RegressionCriterion criterion, int maxRows)
        : base(encoding, settings, criterion == RegressionCriterion.AbsoluteError ? 5 : 3, 1, maxRows)
    {
        _target = target;
        _criterion = criterion;
        int maxBins = 1;
        foreach (var v in encoding.Values) maxBins = Math.Max(maxBins, v.Length);
        _groupWeight = new double[maxBins];
        _groupSum = new double[maxBins];
        _groupCounts = new int[maxBins];
        _sorter = new CodeSorter(Samples.Length);
        if (criterion == RegressionCriterion.AbsoluteError) _medians = new TargetMedians(target, encoding.Rows);
    }

    protected override void ComputeStats(int start, int end, Span<double> stats)
    {
        double w = 0, wy = 0, third = 0;
        var samples = Samples;
        var weight = Weight;
        var y = _target;
        bool poisson = _criterion == RegressionCriterion.Poisson;
        for (int i = start; i < end; i++)
        {
            int r = samples[i];
            double wi = weight[r], yi = y[r];
            w += wi;
            wy += wi * yi;
            third += poisson ? (yi > 0 ? wi * yi * Math.Log(yi) : 0) : wi * yi * yi;
        }
        stats[0] = w;
        stats[1] = wy;
        stats[2] = third;
        if (_medians is not null) (stats[3], stats[4]) = _medians.MedianAndDeviation(samples, start, end, weight);
    }

    protected override double StatsWeight(ReadOnlySpan<double> stats) => stats[0];

    protected override double Impurity(ReadOnlySpan<double> stats)
    {
        double w = stats[0];
        if (w <= 0) return 0;
        switch (_criterion)
        {
            case RegressionCriterion.AbsoluteError:
                return stats[4] / w;
            case RegressionCriterion.Poisson:
                // Half Poisson deviance: sum w y ln(y / mean) / W (the y - mean terms sum to zero).
                if (stats[1] <= Epsilon) return double.PositiveInfinity;
                return Math.Max(0, (stats[2] - stats[1] * Math.Log(stats[1] / w)) / w);
            default:
                double mean = stats[1] / w;
                return Math.Max(0, stats[2] / w - mean * mean);
        }
    }

    protected override void LeafValue(ReadOnlySpan<double> stats, Span<double> value) =>
        value[0] = _criterion == RegressionCriterion.AbsoluteError ? stats[3] : stats[0] > 0 ? stats[1] / stats[0] : 0;

    protected override double SplitProxy(ReadOnlySpan<double> left, ReadOnlySpan<double> right, double leftWeight, double rightWeight) =>
        _criterion == RegressionCriterion.AbsoluteError ? -(left[4] + right[4]) : Proxy(left[1], leftWeight, right[1], rightWeight);

    /// <summary>friedman_mse reports Friedman's improvement (wR sumL - wL sumR)^2 / (wL wR W_node) instead of the impurity decrease.</summary>
    protected override double Improvement(double weight, double impurity, double leftWeight, double leftImpurity, double rightWeight,
        double rightImpurity, ReadOnlySpan<double> left, ReadOnlySpan<double> right)
    {
        if (_criterion != RegressionCriterion.FriedmanMse)
            return base.Improvement(weight, impurity, leftWeight, leftImpurity, rightWeight, rightImpurity, left, right);
        double diff = rightWeight * left[1] - leftWeight * right[1];
        return diff * diff / (leftWeight * rightWeight * weight);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Proxy(double leftSum, double leftWeight, double rightSum, double rightWeight)
    {
        switch (_criterion)
        {
            case RegressionCriterion.FriedmanMse:
                double diff = rightWeight * leftSum - leftWeight * rightSum;
                return diff * diff / (leftWeight * rightWeight);
            case RegressionCriterion.Poisson:
                // Children whose target sum is not positive cannot predict with a log link: such splits are never taken.
                if (leftSum <= Epsilon || rightSum <= Epsilon) return double.NegativeInfinity;
                return leftSum * Math.Log(leftSum / leftWeight) + rightSum * Math.Log(rightSum / rightWeight);
            default:
                return leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight;
        }
    }

    protected override bool ScanBest(int feature, int start, int end, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int bins = Encoding.Values[feature].Length;
        int m = end - start;
        var bytes = Encoding.ByteCodes[feature];
        var ints = Encoding.IntCodes[feature];
        if (_medians is null && m + 2L * bins <= CodeSorter.EstimatedCost(m, bins))
        {
            if (bytes is not null) Histogram(bytes, start, end, bins); else Histogram(ints!, start, end, bins);
            return ScanHistogram(feature, bins, nodeCount, nodeWeight, ref best);
        }
        bool varies = bytes is not null ? _sorter.Sort(bytes, Samples, start, end, bins) : _sorter.Sort(ints!, Samples, start, end, bins);
        if (!varies) return false;
        if (_medians is not null) ScanAbsoluteError(feature, m, nodeWeight, ref best);
        else ScanOrdered(feature, m, nodeWeight, ref best);
        return true;
    }

    private void Histogram<T>(T[] codes, int start, int end, int bins) where T : unmanaged, IBinaryInteger<T>
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
    }

    private bool ScanHistogram(int feature, int bins, int nodeCount, double nodeWeight, ref BestSplit best)
    {
        int minLeaf = Settings.MinSamplesLeaf;
        double minWeight = Settings.MinWeightLeaf;
        double nodeSum = NodeStats[1];
        double leftWeight = 0, leftSum = 0, bestProxy = best.Proxy;
        int leftCount = 0, previous = -1, bestGroup = -1, bestNext = -1, nonEmpty = 0;
        for (int g = 0; g < bins; g++)
        {
            int count = _groupCounts[g];
            if (count == 0) continue;
            if (previous >= 0)
            {
                double rightWeight = nodeWeight - leftWeight;
                if (leftCount >= minLeaf && leftWeight >= minWeight && rightWeight >= minWeight)
                {
                    double proxy = Proxy(leftSum, leftWeight, nodeSum - leftSum, rightWeight);
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
            best = new BestSplit { Proxy = bestProxy, Feature = feature, LeftCode = bestGroup, Threshold = Midpoint(values[bestGroup], values[bestNext]) };
        }
        return true;
    }

    /// <summary>Moves the code-ordered rows one at a time to the left side, scoring each boundary between two codes.</summary>
    private void ScanOrdered(int feature, int m, double nodeWeight, ref BestSplit best)
    {
        var rows = _sorter.Rows;
        var codes = _sorter.Codes;
        int minLeaf = Settings.MinSamplesLeaf;
        double minWeight = Settings.MinWeightLeaf;
        double nodeSum = NodeStats[1];
        double leftWeight = 0, leftSum = 0, bestProxy = best.Proxy;
        int bestIndex = -1;
        ref double y = ref MemoryMarshal.GetArrayDataReference(_target);
        ref double w = ref MemoryMarshal.GetArrayDataReference(Weight);
        int last = m - minLeaf;
        for (int i = 0; i < last; i++)
        {
            int r = rows[i];
            double v = Unsafe.Add(ref w, r);
            leftWeight += v;
            leftSum += v * Unsafe.Add(ref y, r);
            if (codes[i + 1] == codes[i] || i + 1 < minLeaf) continue;
            double rightWeight = nodeWeight - leftWeight;
            if (leftWeight < minWeight || rightWeight < minWeight) continue;
            double proxy = Proxy(leftSum, leftWeight, nodeSum - leftSum, rightWeight);
            if (proxy > bestProxy) { bestProxy = proxy; bestIndex = i; }
        }
        if (bestIndex >= 0) best = Found(feature, bestProxy, codes[bestIndex], codes[bestIndex + 1]);
    }

    private void ScanAbsoluteError(int feature, int m, double nodeWeight, ref BestSplit best)
    {
        var rows = _sorter.Rows;
        var codes = _sorter.Codes;
        var medians = _medians!;
        int minLeaf = Settings.MinSamplesLeaf;
        double minWeight = Settings.MinWeightLeaf;
        var rightDeviation = medians.SuffixDeviations(rows, m, Weight);
        double leftWeight = 0, bestProxy = best.Proxy;
        int bestIndex = -1;
        int last = m - minLeaf;
        for (int i = 0; i < last; i++)
        {
            int r = rows[i];
            leftWeight += Weight[r];
            medians.Add(r, Weight[r]);
            if (codes[i + 1] == codes[i] || i + 1 < minLeaf) continue;
            double rightWeight = nodeWeight - leftWeight;
            if (leftWeight < minWeight || rightWeight < minWeight) continue;
            double proxy = -(medians.Deviation() + rightDeviation[i + 1]);
            if (proxy > bestProxy) { bestProxy = proxy; bestIndex = i; }
        }
        medians.Clear(rows, 0, Math.Max(last, 0));
        if (bestIndex >= 0) best = Found(feature, bestProxy, codes[bestIndex], codes[bestIndex + 1]);
    }

    private BestSplit Found(int feature, double proxy, int leftCode, int rightCode)
    {
        var values = Encoding.Values[feature];
        return new BestSplit { Proxy = proxy, Feature = feature, LeftCode = leftCode, Threshold = Midpoint(values[leftCode], values[rightCode]) };
    }
}
