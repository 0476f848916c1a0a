using Scalearn.Data;
using Scalearn.Data.Generators;

namespace Scalearn.Tests.Distributed;

internal static class DistributedTestData
{
    public static Dataset Blobs(int rows = 3000, int features = 5, int centers = 6, int seed = 0) =>
        DataGenerators.MakeBlobs(nSamples: rows, nFeatures: features, centers: centers, randomState: seed);

    public static Dataset Classification(int rows = 3000, int features = 8, int classes = 2, int seed = 0) =>
        DataGenerators.MakeClassification(nSamples: rows, nFeatures: features, nInformative: 4, nClasses: classes, randomState: seed);

    /// <summary>Rows [start, end) as their own dataset.</summary>
    public static Dataset Slice(Dataset data, int start, int end) => data.Rows(Enumerable.Range(start, end - start).ToArray()).Materialize();

    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
