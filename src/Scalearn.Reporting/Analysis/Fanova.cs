using Scalearn.Data;
using Scalearn.Ensemble;

namespace Scalearn.Reporting.Analysis;

/// <summary>
/// fANOVA parameter importances (Hutter, Hoos and Leyton-Brown 2014, as in Optuna's default evaluator): a
/// RandomForestRegressor learns score from the encoded parameters; for each tree, the variance of its marginal
/// prediction along one parameter (all others averaged out uniformly over the searched box) over the variance of
/// the whole tree is that parameter's main-effect share. Shares are averaged over trees and normalized to sum to 1.
/// </summary>
public sealed class Fanova
{
    public const int Trees = 64;

    private readonly ForestCells[] _cells;
    private readonly (double Lo, double Hi)[] _bounds;

    private Fanova(ForestCells[] cells, (double Lo, double Hi)[] bounds, double[] shares)
    {
        _cells = cells;
        _bounds = bounds;
        VarianceShares = shares;
        double total = shares.Sum();
        Importances = shares.Select(s => total > 0 ? s / total : 0).ToArray();
    }

    /// <summary>Per feature, the mean share of a tree's variance its main effect explains (0 to 1; they need not sum to 1).</summary>
    public double[] VarianceShares { get; }
    /// <summary>The shares normalized to sum to 1 (all zero when the forest predicts a constant).</summary>
    public double[] Importances { get; }

    /// <param name="x">Encoded parameters, one row per complete trial.</param>
    /// <param name="bounds">Per feature, the box the marginals average over (<see cref="ParamAxis.Bounds"/>); each must have positive width.</param>
    public static Fanova Fit(double[][] x, double[] y, (double Lo, double Hi)[] bounds, int seed = 0)
    {
        if (x.Length < 2) throw new ArgumentException($"fANOVA needs at least 2 scored trials; got {x.Length}.", nameof(x));
        if (x.Length != y.Length) throw new ArgumentException($"{x.Length} rows of parameters for {y.Length} scores.", nameof(y));
        foreach (var (lo, hi) in bounds)
            if (!(hi > lo)) throw new ArgumentException($"Every parameter's bounds must have positive width; got [{lo}, {hi}].", nameof(bounds));
        var forest = new RandomForestRegressor { NEstimators = Trees, MaxDepth = 64, RandomState = seed, NJobs = -1 };
        var model = (RandomForestRegressorModel)forest.Fit(new Dataset(Matrix.FromRows(x), y));
        var cells = model.Trees.Select(t => ForestCells.Of(t, bounds)).ToArray();
        var shares = new double[bounds.Length];
        int used = 0;
        foreach (var tree in cells)
        {
            double mean = 0, variance = 0;
            for (int i = 0; i < tree.Count; i++) mean += tree.Share[i] * tree.Values[i];
            for (int i = 0; i < tree.Count; i++) variance += tree.Share[i] * (tree.Values[i] - mean) * (tree.Values[i] - mean);
            if (variance <= 1e-300) continue;
            used++;
            for (int j = 0; j < bounds.Length; j++) shares[j] += Math.Min(1, MainEffectVariance(tree, j, bounds, mean) / variance);
        }
        if (used > 0) for (int j = 0; j < shares.Length; j++) shares[j] /= used;
        return new Fanova(cells, bounds, shares);
    }

    /// <summary>Variance of the tree's prediction averaged over every feature but <paramref name="j"/>.</summary>
    private static double MainEffectVariance(ForestCells tree, int j, (double Lo, double Hi)[] bounds, double mean)
    {
        int d = tree.Features;
        var points = new SortedSet<double> { bounds[j].Lo, bounds[j].Hi };
        for (int i = 0; i < tree.Count; i++) { points.Add(tree.Lo[i * d + j]); points.Add(tree.Hi[i * d + j]); }
        var edges = points.ToArray();
        var marginal = new double[edges.Length];
        for (int i = 0; i < tree.Count; i++)
        {
            double width = tree.Width(i, j, bounds);
            double contribution = tree.Values[i] * tree.Share[i] / width;
            marginal[Array.BinarySearch(edges, tree.Lo[i * d + j])] += contribution;
            marginal[Array.BinarySearch(edges, tree.Hi[i * d + j])] -= contribution;
        }
        double running = 0, variance = 0, span = bounds[j].Hi - bounds[j].Lo;
        for (int k = 0; k + 1 < edges.Length; k++)
        {
            running += marginal[k];
            variance += (running - mean) * (running - mean) * (edges[k + 1] - edges[k]) / span;
        }
        return variance;
    }

    /// <summary>
    /// The forest's prediction averaged over every feature but <paramref name="j"/> and <paramref name="k"/>, at each
    /// (x, y) of the given encoded points: the surface of the contour plot.
    /// </summary>
    public double[,] Marginal(int j, double[] xs, int k, double[] ys)
    {
        // Each leaf adds a constant over a rectangle of grid points: a 2-D difference array keeps that O(1) per leaf.
        var diff = new double[xs.Length + 1, ys.Length + 1];
        foreach (var tree in _cells)
        {
            int d = tree.Features;
            for (int i = 0; i < tree.Count; i++)
            {
                var (x0, x1) = Range(xs, tree.Lo[i * d + j], tree.Hi[i * d + j], _bounds[j].Lo);
                var (y0, y1) = Range(ys, tree.Lo[i * d + k], tree.Hi[i * d + k], _bounds[k].Lo);
                if (x0 >= x1 || y0 >= y1) continue;
                double value = tree.Values[i] * tree.Share[i] / (tree.Width(i, j, _bounds) * tree.Width(i, k, _bounds));
                diff[x0, y0] += value;
                diff[x1, y0] -= value;
                diff[x0, y1] -= value;
                diff[x1, y1] += value;
            }
        }
        var result = new double[xs.Length, ys.Length];
        for (int a = 0; a < xs.Length; a++)
            for (int b = 0; b < ys.Length; b++)
            {
                double sum = diff[a, b];
                if (a > 0) sum += result[a - 1, b];
                if (b > 0) sum += result[a, b - 1];
                if (a > 0 && b > 0) sum -= result[a - 1, b - 1];
                result[a, b] = sum;
            }
        for (int a = 0; a < xs.Length; a++)
            for (int b = 0; b < ys.Length; b++) result[a, b] /= _cells.Length;
        return result;
    }

    /// <summary>Indices of the sorted points p with lo &lt; p &lt;= hi (the lowest bound itself belongs to the first box).</summary>
    private static (int From, int To) Range(double[] sorted, double lo, double hi, double spaceLo)
    {
        int from = lo <= spaceLo ? 0 : UpperBound(sorted, lo);
        return (from, UpperBound(sorted, hi));
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
