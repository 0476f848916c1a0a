namespace Scalearn.Trees;

/// <summary>
/// scikit-learn's minimal cost-complexity pruning (ccp_alpha): with R(t) = N_t / N * impurity(t) and R(T_t) the sum of
/// R over the leaves of t's branch, repeatedly collapse the internal node of smallest effective alpha
/// (R(t) - R(T_t)) / (leaves(T_t) - 1), the first in node order on ties, while that alpha is &lt;= ccp_alpha.
/// </summary>
internal static class CostComplexityPruning
{
    public static (int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Value, double[] Weight, double[] Impurity) Prune(
        int[] feature, double[] threshold, int[] left, int[] right, double[] value, int valueWidth, double[] weight, double[] impurity,
        double rootWeight, double ccpAlpha)
    {
        int n = feature.Length;
        var parent = new int[n];
        parent[0] = -1;
        for (int i = 0; i < n; i++)
            if (feature[i] >= 0) { parent[left[i]] = i; parent[right[i]] = i; }
        var rNode = new double[n];
        var rBranch = new double[n];
        var leaves = new int[n];
        for (int i = 0; i < n; i++) rNode[i] = weight[i] * impurity[i] / rootWeight;
        // Children always have larger indices than their parent, so one backward pass fills the branches bottom-up.
        for (int i = n - 1; i >= 0; i--)
        {
            if (feature[i] < 0) { rBranch[i] = rNode[i]; leaves[i] = 1; }
            else { rBranch[i] = rBranch[left[i]] + rBranch[right[i]]; leaves[i] = leaves[left[i]] + leaves[right[i]]; }
        }
        var candidate = new bool[n];
        var collapsed = new bool[n];
        for (int i = 0; i < n; i++) candidate[i] = feature[i] >= 0;
        while (candidate[0])
        {
            double minAlpha = double.MaxValue;
            int weakest = -1;
            for (int i = 0; i < n; i++)
            {
                if (!candidate[i]) continue;
                double alpha = (rNode[i] - rBranch[i]) / (leaves[i] - 1);
                if (alpha < minAlpha) { minAlpha = alpha; weakest = i; }
            }
            if (minAlpha > ccpAlpha) break;
            MarkBranch(weakest, feature, left, right, candidate);
            collapsed[weakest] = true;
            int prunedLeaves = leaves[weakest] - 1;
            double diff = rNode[weakest] - rBranch[weakest];
            leaves[weakest] = 1;
            rBranch[weakest] = rNode[weakest];
            for (int a = parent[weakest]; a >= 0; a = parent[a])
            {
                leaves[a] -= prunedLeaves;
                rBranch[a] += diff;
            }
        }
        return Rebuild(feature, threshold, left, right, value, valueWidth, weight, impurity, collapsed);
    }

    private static void MarkBranch(int node, int[] feature, int[] left, int[] right, bool[] candidate)
    {
        var stack = new Stack<int>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            candidate[i] = false;
            if (feature[i] >= 0) { stack.Push(left[i]); stack.Push(right[i]); }
        }
    }

    /// <summary>Copies the kept nodes depth-first (left before right); collapsed nodes become leaves with their own value.</summary>
    private static (int[], double[], int[], int[], double[], double[], double[]) Rebuild(int[] feature, double[] threshold, int[] left,
        int[] right, double[] value, int valueWidth, double[] weight, double[] impurity, bool[] collapsed)
    {
        var order = new List<int>();
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            order.Add(i);
            if (feature[i] >= 0 && !collapsed[i]) { stack.Push(right[i]); stack.Push(left[i]); }
        }
        int m = order.Count;
        var newIndex = new Dictionary<int, int>(m);
        for (int k = 0; k < m; k++) newIndex[order[k]] = k;
        var f = new int[m];
        var t = new double[m];
        var l = new int[m];
        var r = new int[m];
        var v = new double[m * valueWidth];
        var w = new double[m];
        var imp = new double[m];
        for (int k = 0; k < m; k++)
        {
            int i = order[k];
            bool split = feature[i] >= 0 && !collapsed[i];
            f[k] = split ? feature[i] : -1;
            t[k] = split ? threshold[i] : 0;
            l[k] = split ? newIndex[left[i]] : -1;
            r[k] = split ? newIndex[right[i]] : -1;
            Array.Copy(value, i * valueWidth, v, k * valueWidth, valueWidth);
            w[k] = weight[i];
            imp[k] = impurity[i];
        }
        return (f, t, l, r, v, w, imp);
    }
}
