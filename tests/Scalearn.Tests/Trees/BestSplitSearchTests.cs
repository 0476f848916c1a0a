using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

public class BestSplitSearchTests
{
    /// <summary>
    /// With all features considered, every split must be as good as the best one a brute-force search finds for the
    /// rows reaching that node (digits has many features that turn constant deep in the tree, which the builder skips).
    /// </summary>
    [Fact]
    public void EverySplitIsTheBestGiniSplitOfItsNode()
    {
        var digits = TestData.Load("digits");
        var rows = Enumerable.Range(0, 250).ToArray();
        var data = digits.Rows(rows).Materialize();
        var tree = ((DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 1 }.Fit(data)).Tree;
        var y = data.RequireTarget();
        var reaching = new List<int>[tree.NodeCount];
        for (int node = 0; node < tree.NodeCount; node++) reaching[node] = [];
        for (int i = 0; i < data.Count; i++)
        {
            int node = 0;
            reaching[0].Add(i);
            while (tree.Feature[node] >= 0)
            {
                node = data.X[i, tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
                reaching[node].Add(i);
            }
        }
        int checkedNodes = 0;
        for (int node = 0; node < tree.NodeCount; node++)
        {
            if (tree.Feature[node] < 0) continue;
            var nodeRows = reaching[node];
            double chosen = ChildrenGini(nodeRows, r => data.X[r, tree.Feature[node]] <= tree.Threshold[node], y);
            double best = double.PositiveInfinity;
            for (int f = 0; f < data.FeatureCount; f++)
                foreach (var t in nodeRows.Select(r => data.X[r, f]).Distinct())
                {
                    double score = ChildrenGini(nodeRows, r => data.X[r, f] <= t, y);
                    if (!double.IsNaN(score)) best = Math.Min(best, score);
                }
            Assert.True(chosen <= best + 1e-9, $"node {node}: chosen split gini {chosen}, best possible {best}");
            checkedNodes++;
        }
        Assert.True(checkedNodes > 20);
    }

    private static double ChildrenGini(List<int> rows, Func<int, bool> goesLeft, double[] y)
    {
        var left = rows.Where(goesLeft).ToArray();
        var right = rows.Where(r => !goesLeft(r)).ToArray();
        if (left.Length == 0 || right.Length == 0) return double.NaN;
        return (left.Length * Gini(left, y) + right.Length * Gini(right, y)) / rows.Count;
    }

    private static double Gini(int[] rows, double[] y) =>
        1 - rows.GroupBy(r => y[r]).Sum(g => Math.Pow((double)g.Count() / rows.Length, 2));
}
