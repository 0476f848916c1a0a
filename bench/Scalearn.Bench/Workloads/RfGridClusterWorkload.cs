using System.Diagnostics;
using Scalearn.Cluster;
using Scalearn.Execution;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_grid_small (reference.md) on the local executor and on 2 local worker processes in the same run; the ratio is
/// cluster / local median wall time after warm-up runs (target &lt;= 1.15), and the scores must agree exactly.
/// </summary>
public sealed class RfGridClusterWorkload : IWorkload
{
    private const int Workers = 2;
    private const int WarmUpRuns = 3;

    public string Name => "rf_grid_small_cluster";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options)
    {
        string broker = ClusterBench.Broker(options, "rf_grid_small_cluster");
        int slots = Math.Max(1, Environment.ProcessorCount / Workers);
        var workers = await ClusterBench.StartWorkersAsync(broker, Workers, slots);
        try
        {
            await using var cluster = await ClusterExecutor.ConnectAsync(broker);
            var local = new LocalExecutor(Workers * slots);
            // Workers are long-lived services; what a search sees is their steady state. Fresh processes run their
            // first searches partly in unoptimized and instrumented code (tiered compilation and dynamic PGO) while the
            // JIT competes for the same two cores, so both executors run the grid a few times untimed first. The
            // first (cold) run of each is reported too.
            var coldClock = Stopwatch.StartNew();
            RfGrid.Search(RfGrid.Small, local);
            double coldLocal = coldClock.Elapsed.TotalSeconds;
            coldClock.Restart();
            RfGrid.Search(RfGrid.Small, cluster);
            double coldCluster = coldClock.Elapsed.TotalSeconds;
            for (int w = 1; w < WarmUpRuns; w++)
            {
                RfGrid.Search(RfGrid.Small, local);
                RfGrid.Search(RfGrid.Small, cluster);
            }

            var localSeconds = new List<double>();
            var clusterSeconds = new List<double>();
            Scalearn.ModelSelection.SearchResult? localResult = null, clusterResult = null;
            for (int r = 0; r < options.Repeats; r++)
            {
                var clock = Stopwatch.StartNew();
                localResult = RfGrid.Search(RfGrid.Small, local);
                localSeconds.Add(clock.Elapsed.TotalSeconds);
                clock.Restart();
                clusterResult = RfGrid.Search(RfGrid.Small, cluster);
                clusterSeconds.Add(clock.Elapsed.TotalSeconds);
            }
            double localMedian = Median.Of(localSeconds), clusterMedian = Median.Of(clusterSeconds);
            var column = "mean_test_score";
            bool identical = localResult!.CvResults.Numbers(column).Select(BitConverter.DoubleToInt64Bits)
                .SequenceEqual(clusterResult!.CvResults.Numbers(column).Select(BitConverter.DoubleToInt64Bits));
            return new Dictionary<string, object?>
            {
                ["seconds"] = Math.Round(clusterMedian, 3),
                ["local_seconds"] = Math.Round(localMedian, 3),
                ["cluster_seconds"] = Math.Round(clusterMedian, 3),
                ["ratio"] = Math.Round(clusterMedian / localMedian, 3),
                ["cold_local_seconds"] = Math.Round(coldLocal, 3),
                ["cold_cluster_seconds"] = Math.Round(coldCluster, 3),
                ["warm_up_runs"] = WarmUpRuns,
                ["workers"] = Workers,
                ["slots_per_worker"] = slots,
                ["local_jobs"] = Workers * slots,
                ["candidates"] = clusterResult.CvResults.Count,
                ["best_score"] = Math.Round(clusterResult.BestScore, 4),
                ["scores_identical"] = identical,
                ["runs"] = options.Repeats,
            };
        }
        finally
        {
            await ClusterBench.StopAsync(workers);
        }
    }
}
