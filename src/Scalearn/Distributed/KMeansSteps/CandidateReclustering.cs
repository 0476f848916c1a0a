using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>
/// The last step of k-means|| on the driver (Bahmani et al.; MLlib's LocalKMeans): the candidates, each weighted by
/// the number of rows nearest to it, are reduced to k centers by weighted k-means++ seeding followed by weighted
/// Lloyd iterations (an empty cluster takes a random candidate).
/// </summary>
internal static class CandidateReclustering
{
    public const int MaxIterations = 30;

    public static Matrix Recluster(IReadOnlyList<double[]> points, IReadOnlyList<long> weights, int k, Rng rng)
    {
        int n = points.Count, d = points[0].Length;
        var centers = new Matrix(k, d);
        PickWeighted(rng, points, weights).CopyTo(centers.Row(0));
        var cost = new double[n];
        for (int i = 0; i < n; i++) cost[i] = KMeansMath.SquaredDistance(points[i], centers.Row(0));
        for (int c = 1; c < k; c++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += weights[i] * cost[i];
            double r = rng.NextDouble() * sum, cumulative = 0;
            int j = 0;
            while (j < n && cumulative < r) cumulative += weights[j] * cost[j++];
            // j == 0 only when every candidate is already a center: duplicate one, as MLlib does.
            points[j == 0 ? 0 : j - 1].CopyTo(centers.Row(c));
            for (int i = 0; i < n; i++) cost[i] = Math.Min(cost[i], KMeansMath.SquaredDistance(points[i], centers.Row(c)));
        }

        var closest = new int[n];
        Array.Fill(closest, -1);
        bool moved = true;
        for (int iteration = 0; moved && iteration < MaxIterations; iteration++)
        {
            moved = false;
            var sums = new Matrix(k, d);
            var counts = new double[k];
            for (int i = 0; i < n; i++)
            {
                int index = KMeansMath.Nearest(points[i], centers, out _);
                var target = sums.Row(index);
                for (int f = 0; f < d; f++) target[f] += weights[i] * points[i][f];
                counts[index] += weights[i];
                if (index != closest[i])
                {
                    moved = true;
                    closest[i] = index;
                }
            }
            for (int c = 0; c < k; c++)
            {
                if (counts[c] == 0) points[rng.NextInt(n)].CopyTo(centers.Row(c));
                else for (int f = 0; f < d; f++) centers[c, f] = sums[c, f] / counts[c];
            }
        }
        return centers;
    }

    private static double[] PickWeighted(Rng rng, IReadOnlyList<double[]> points, IReadOnlyList<long> weights)
    {
        double r = rng.NextDouble() * weights.Sum(w => (double)w), current = 0;
        int i = 0;
        while (i < points.Count && current < r) current += weights[i++];
        return points[Math.Max(0, i - 1)];
    }
}
