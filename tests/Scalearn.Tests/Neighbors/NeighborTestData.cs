using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Tests.Neighbors;

internal static class NeighborTestData
{
    public static Matrix Gaussian(int rows, int cols, int seed)
    {
        var rng = new Rng(seed);
        var m = new Matrix(rows, cols);
        for (int i = 0; i < m.Values.Length; i++) m.Values[i] = rng.NextGaussian();
        return m;
    }

    /// <summary>The O(n^2) float64 reference: (reduced distance, index) sorted, first k.</summary>
    public static (double[] Distances, int[] Indices) Naive(Matrix points, ReadOnlySpan<double> query, int k, string metric, double p = 2)
    {
        var all = new (double Distance, int Index)[points.Rows];
        for (int i = 0; i < points.Rows; i++) all[i] = (Distance(points.Row(i), query, metric, p), i);
        var best = all.OrderBy(t => t.Distance).ThenBy(t => t.Index).Take(k).ToArray();
        return (best.Select(t => t.Distance).ToArray(), best.Select(t => t.Index).ToArray());
    }

    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, string metric, double p)
    {
        switch (metric)
        {
            case "euclidean": return Minkowski(a, b, 2);
            case "manhattan": return Minkowski(a, b, 1);
            case "minkowski": return Minkowski(a, b, p);
            case "cosine":
                double dot = 0, na = 0, nb = 0;
                for (int j = 0; j < a.Length; j++) { dot += a[j] * b[j]; na += a[j] * a[j]; nb += b[j] * b[j]; }
                return Math.Clamp(1 - (na == 0 || nb == 0 ? 0 : dot / (Math.Sqrt(na) * Math.Sqrt(nb))), 0, 2);
            default: throw new ArgumentException(metric);
        }
    }

    private static double Minkowski(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double p)
    {
        double sum = 0;
        for (int j = 0; j < a.Length; j++) sum += Math.Pow(Math.Abs(a[j] - b[j]), p);
        return Math.Pow(sum, 1 / p);
    }

    /// <summary>Asserts equal distances and equal neighbour sets, allowing any order among points at the same distance.</summary>
    public static void AssertSameNeighbors(double[] expectedDistances, int[] expectedIndices, ReadOnlySpan<double> distances, ReadOnlySpan<int> indices, string context)
    {
        int k = expectedDistances.Length;
        for (int r = 0; r < k; r++)
            Assert.True(Math.Abs(expectedDistances[r] - distances[r]) <= 1e-9 * Math.Max(1, expectedDistances[r]),
                $"{context}: rank {r} distance {distances[r]} != {expectedDistances[r]}");
        double kth = expectedDistances[k - 1];
        var strictlyCloserExpected = expectedIndices.Where((_, r) => expectedDistances[r] < kth - 1e-9).Order().ToArray();
        var actualDistances = distances.ToArray();
        var strictlyCloserActual = indices.ToArray().Where((_, r) => actualDistances[r] < kth - 1e-9).Order().ToArray();
        Assert.Equal(strictlyCloserExpected, strictlyCloserActual);
    }
}
