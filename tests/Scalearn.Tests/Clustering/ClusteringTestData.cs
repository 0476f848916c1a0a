using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Tests.Clustering;

internal static class ClusteringTestData
{
    /// <summary>Well separated gaussian blobs: centers 20 apart, unit spread; the target is the true blob.</summary>
    public static Dataset Blobs(int perBlob, int blobs, int dims, int seed)
    {
        var rng = new Rng(seed);
        var centers = new double[blobs, dims];
        for (int b = 0; b < blobs; b++) for (int j = 0; j < dims; j++) centers[b, j] = 20 * rng.NextDouble() * blobs;
        var x = new Matrix(perBlob * blobs, dims);
        var y = new double[perBlob * blobs];
        for (int i = 0; i < y.Length; i++)
        {
            int b = i % blobs;
            y[i] = b;
            for (int j = 0; j < dims; j++) x[i, j] = centers[b, j] + rng.NextGaussian();
        }
        return new Dataset(x, y);
    }

    /// <summary>True when the clustering equals the true partition up to renaming of clusters.</summary>
    public static bool SamePartition(IReadOnlyList<double> truth, IReadOnlyList<double> found)
    {
        var map = new Dictionary<double, double>();
        var reverse = new Dictionary<double, double>();
        for (int i = 0; i < truth.Count; i++)
        {
            if (map.TryGetValue(truth[i], out var f) && f != found[i]) return false;
            if (reverse.TryGetValue(found[i], out var t) && t != truth[i]) return false;
            map[truth[i]] = found[i];
            reverse[found[i]] = truth[i];
        }
        return true;
    }

    public static double Fixture(string name)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Clustering", "kmeans_inertia.json")));
        return doc.RootElement.GetProperty(name).GetDouble();
    }
}
