namespace Scalearn.Clustering;

internal static class KMeansChecks
{
    public static void EnoughSamples(int samples, int clusters)
    {
        if (samples < clusters)
            throw new ArgumentException($"n_samples={samples} should be >= n_clusters={clusters}.");
    }
}
