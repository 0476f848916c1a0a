using Scalearn.Trees;

namespace Scalearn.Reporting.Analysis;

/// <summary>
/// The leaves of one regression tree as boxes of the parameter space: leaf value, lower and upper bound per feature
/// (clipped to the space's bounds) and the leaf's share of the space's volume. A row goes left when
/// x &lt;= threshold, so a box holds the points lo &lt; x &lt;= hi.
/// </summary>
internal sealed class ForestCells
{
    private ForestCells(int features, double[] values, double[] lo, double[] hi, double[] share)
    {
        Features = features;
        Values = values;
        Lo = lo;
        Hi = hi;
        Share = share;
    }

    public int Features { get; }
    public int Count => Values.Length;
    public double[] Values { get; }
    /// <summary>Row-major leaf x feature bounds.</summary>
    public double[] Lo { get; }
    public double[] Hi { get; }
    /// <summary>Volume of the leaf's box over the volume of the space.</summary>
    public double[] Share { get; }

    public double Width(int leaf, int feature, (double Lo, double Hi)[] bounds) =>
        (Hi[leaf * Features + feature] - Lo[leaf * Features + feature]) / (bounds[feature].Hi - bounds[feature].Lo);

    public static ForestCells Of(DecisionTree tree, (double Lo, double Hi)[] bounds)
    {
        int d = bounds.Length;
        var values = new List<double>();
        var lo = new List<double>();
        var hi = new List<double>();
        var share = new List<double>();
        var stack = new Stack<(int Node, double[] Lo, double[] Hi)>();
        stack.Push((0, bounds.Select(b => b.Lo).ToArray(), bounds.Select(b => b.Hi).ToArray()));
        while (stack.Count > 0)
        {
            var (node, l, h) = stack.Pop();
            int f = tree.Feature[node];
            if (f >= 0)
            {
                double t = Math.Clamp(tree.Threshold[node], l[f], h[f]);
                var leftHi = (double[])h.Clone();
                leftHi[f] = t;
                var rightLo = (double[])l.Clone();
                rightLo[f] = t;
                stack.Push((tree.Right[node], rightLo, h));
                stack.Push((tree.Left[node], l, leftHi));
                continue;
            }
            double s = 1;
            for (int j = 0; j < d; j++) s *= (h[j] - l[j]) / (bounds[j].Hi - bounds[j].Lo);
            if (s <= 0) continue;
            values.Add(tree.Values[node * tree.ValueWidth]);
            lo.AddRange(l);
            hi.AddRange(h);
            share.Add(s);
        }
        return new ForestCells(d, values.ToArray(), lo.ToArray(), hi.ToArray(), share.ToArray());
    }
}
