using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Clustering;

/// <summary>Initial centers: scikit-learn's greedy k-means++ (2 + ln k local trials per center) or k distinct random rows.</summary>
internal static class KMeansInitializer
{
    public const string PlusPlus = "k-means++";
    public const string Random = "random";

    /// <summary>k-means|| (Bahmani et al.): rounds of oversampling by distance, then weighted reclustering (Distributed/KMeansSteps).</summary>
    public const string Parallel = "k-means||";

    public static Matrix Initialize(Matrix x, int k, string init, Rng rng) =>
        init == Random ? RandomRows(x, k, rng) : PlusPlusCenters(x, k, rng);

    private static Matrix RandomRows(Matrix x, int k, Rng rng)
    {
        var order = Enumerable.Range(0, x.Rows).ToArray();
        rng.Shuffle(order.AsSpan());
        return KMeansMath.SelectRows(x, order.AsSpan(0, k));
    }

    private static Matrix PlusPlusCenters(Matrix x, int k, Rng rng)
    {
        int n = x.Rows;
        int trials = 2 + (int)Math.Log(k);
        var centers = new Matrix(k, x.Cols);
        int first = rng.NextInt(n);
        x.Row(first).CopyTo(centers.Row(0));
        var closest = new double[n];
        for (int i = 0; i < n; i++) closest[i] = KMeansMath.SquaredDistance(x.Row(i), centers.Row(0));
        double potential = closest.Sum();
        var cumulative = new double[n];
        var candidateDistances = new double[trials][];
        for (int t = 0; t < trials; t++) candidateDistances[t] = new double[n];
        for (int c = 1; c < k; c++)
        {
            double running = 0;
            for (int i = 0; i < n; i++) cumulative[i] = running += closest[i];
            int bestTrial = -1, bestRow = 0;
            double bestPotential = double.PositiveInfinity;
            for (int t = 0; t < trials; t++)
            {
                double target = rng.NextDouble() * potential;
                int row = LowerBound(cumulative, target);
                var distances = candidateDistances[t];
                double candidatePotential = 0;
                for (int i = 0; i < n; i++)
                {
                    distances[i] = Math.Min(closest[i], KMeansMath.SquaredDistance(x.Row(i), x.Row(row)));
                    candidatePotential += distances[i];
                }
                if (candidatePotential < bestPotential) { bestPotential = candidatePotential; bestTrial = t; bestRow = row; }
            }
            potential = bestPotential;
            Array.Copy(candidateDistances[bestTrial], closest, n);
            x.Row(bestRow).CopyTo(centers.Row(c));
        }
        return centers;
    }

    /// <summary>numpy's searchsorted (left) clipped to the last index.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return Math.Min(lo, sorted.Length - 1);
    }
}
