using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Data.Generators;
using Scalearn.Distributed;
using Scalearn.Execution;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// kmeans_1m: make_blobs(1,000,000 x 20, 20 centers, random_state=0) in 4 partitions, KMeans(n_clusters=20, n_init=1):
/// (1) Lloyd iterations from the first 20 rows (max_iter=30, tol=0), seconds per iteration compared with scikit-learn's
/// (kmeans_1m_sklearn.py runs the same shapes); (2) the whole fit with init='k-means||' on this machine's executor (all
/// cores), against scikit-learn's whole fit with its k-means++; (3) the same k-means|| fit on one machine
/// (KMeans.Fit) with the largest center difference to the partitioned one; (4) with --cluster, the Lloyd iterations and the
/// partitioned fit on 2 local workers and their ratios to the local times. Data generation and the split are not timed (the split is reported).
/// </summary>
public sealed class KMeansDataParallelWorkload : IWorkload
{
    private const int Rows = 1_000_000, Features = 20, Clusters = 20, Partitions = 4;

    public string Name => "kmeans_1m";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var data = DataGenerators.MakeBlobs(nSamples: Rows, nFeatures: Features, centers: Clusters, randomState: 0);
        var (splitSeconds, parts) = DataParallelBench.Median(1, () => PartitionedDataset.Split(data, Partitions));
        var first = Matrix.FromRows(Enumerable.Range(0, Clusters).Select(i => data.X.Row(i).ToArray()).ToList());
        var local = new LocalExecutor();
        int repeats = Math.Max(3, options.Repeats);
        KMeansModel Lloyd(ITaskExecutor on) => new KMeans { NClusters = Clusters, MaxIter = 30, Tol = 0 }
            .FitAsync(parts, on, new DataParallelOptions { InitialCenters = first }).GetAwaiter().GetResult();
        KMeansModel Full(ITaskExecutor on) => new KMeans { NClusters = Clusters, NInit = 1, Init = "k-means||", RandomState = 0 }
            .FitAsync(parts, on).GetAwaiter().GetResult();

        Lloyd(local);   // warm-up: the partitions' blocked layout is built once and kept
        var (lloydSeconds, lloyd) = DataParallelBench.Median(repeats, () => Lloyd(local));
        var (fullSeconds, full) = DataParallelBench.Median(repeats, () => Full(local));
        var (singleSeconds, single) = DataParallelBench.Median(repeats,
            () => (KMeansModel)new KMeans { NClusters = Clusters, NInit = 1, Init = "k-means||", RandomState = 0 }.Fit(data));
        var result = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(fullSeconds, 3),
            ["rows"] = Rows, ["features"] = Features, ["clusters"] = Clusters, ["partitions"] = Partitions, ["cores"] = Environment.ProcessorCount,
            ["split_seconds"] = Math.Round(splitSeconds, 3),
            ["lloyd_seconds"] = Math.Round(lloydSeconds, 3),
            ["lloyd_iterations"] = lloyd.Iterations,
            ["lloyd_seconds_per_iteration"] = Math.Round(lloydSeconds / lloyd.Iterations, 4),
            ["full_iterations"] = full.Iterations,
            ["full_inertia"] = Math.Round(full.Inertia, 1),
            ["single_machine_seconds"] = Math.Round(singleSeconds, 3),
            ["single_vs_partitioned_max_center_difference"] = DataParallelBench.MaxAbsDifference(single.ClusterCenters.Values, full.ClusterCenters.Values),
            ["runs"] = repeats,
        };
        if (await DataParallelBench.OnClusterAsync(options, "kmeans_1m", repeats, Lloyd) is { } clusterLloyd)
        {
            result["cluster_lloyd_seconds_per_iteration"] = Math.Round(clusterLloyd.Seconds / clusterLloyd.Result.Iterations, 4);
            result["cluster_lloyd_ratio"] = Math.Round(clusterLloyd.Seconds / lloydSeconds, 3);
        }
        if (await DataParallelBench.OnClusterAsync(options, "kmeans_1m", repeats, Full) is { } cluster)
        {
            result["cluster_seconds"] = Math.Round(cluster.Seconds, 3);
            result["cluster_ratio"] = Math.Round(cluster.Seconds / fullSeconds, 3);
            result["cluster_identical"] = cluster.Result.ClusterCenters.Values.SequenceEqual(full.ClusterCenters.Values);
            result["cluster_partition_bytes_by_worker"] = cluster.BytesByWorker;
        }
        return result;
    }
}
