using Scalearn.Data;
using Scalearn.Data.Generators;
using Scalearn.Distributed;
using Scalearn.Execution;
using Scalearn.Linear;
using Scalearn.Metrics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// logistic_500k: make_classification(500,000 x 50, n_informative=20, random_state=0) in 4 partitions,
/// LogisticRegression(max_iter=200) (lbfgs, C=1): (1) the partitioned fit on this machine's executor (all cores),
/// against scikit-learn's fit (logistic_500k_sklearn.py, same shapes); (2) the same fit on one machine
/// (LogisticRegression.Fit) with the largest coefficient difference to the partitioned one; (3) with --cluster, the
/// partitioned fit on 2 local workers and its ratio to the local time. Data generation and the split are not timed.
/// </summary>
public sealed class LogisticDataParallelWorkload : IWorkload
{
    private const int Rows = 500_000, Features = 50, Partitions = 4;

    public string Name => "logistic_500k";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var data = DataGenerators.MakeClassification(nSamples: Rows, nFeatures: Features, nInformative: 20, randomState: 0);
        var (splitSeconds, parts) = DataParallelBench.Median(1, () => PartitionedDataset.Split(data, Partitions));
        var local = new LocalExecutor();
        int repeats = Math.Max(3, options.Repeats);
        int evaluations = 0;
        var counting = new DataParallelOptions { Progress = new CountingProgress(() => evaluations++) };
        LinearClassifierModel Partitioned(ITaskExecutor on) => new LogisticRegression { MaxIter = 200 }
            .FitAsync(parts, on).GetAwaiter().GetResult();

        Partitioned(local);   // warm-up: the partitions' layout is built once and kept
        new LogisticRegression { MaxIter = 200 }.FitAsync(parts, local, counting).GetAwaiter().GetResult();
        var partitionedTiming = DataParallelBench.Median(repeats, () => Partitioned(local));
        var (partitionedSeconds, partitioned) = partitionedTiming;
        var singleTiming = DataParallelBench.Median(repeats, () => (LinearClassifierModel)new LogisticRegression { MaxIter = 200 }.Fit(data));
        var (singleSeconds, single) = singleTiming;
        var result = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(partitionedSeconds, 3),
            ["cpu_seconds"] = Math.Round(partitionedTiming.CpuSeconds, 3),
            ["rows"] = Rows, ["features"] = Features, ["partitions"] = Partitions, ["cores"] = Environment.ProcessorCount,
            ["split_seconds"] = Math.Round(splitSeconds, 3),
            ["loss_evaluations"] = evaluations,
            ["train_accuracy"] = Math.Round(ClassificationMetrics.Accuracy(data.Y!, partitioned.Predict(data)), 4),
            ["single_machine_seconds"] = Math.Round(singleSeconds, 3),
            ["single_machine_cpu_seconds"] = Math.Round(singleTiming.CpuSeconds, 3),
            ["single_vs_partitioned_max_coef_difference"] = Math.Max(
                DataParallelBench.MaxAbsDifference(single.Coef.Values, partitioned.Coef.Values),
                DataParallelBench.MaxAbsDifference(single.Intercept, partitioned.Intercept)),
            ["runs"] = repeats,
        };
        // The fixed cost of one round (an L-BFGS evaluation): the same fit on 4 x 1,000 rows, per evaluation.
        var tiny = PartitionedDataset.Split(DataGenerators.MakeClassification(nSamples: 4000, nFeatures: Features, nInformative: 20, randomState: 1), Partitions);
        int tinyEvaluations = 0;
        var tinyCounting = new DataParallelOptions { Progress = new CountingProgress(() => tinyEvaluations++) };
        new LogisticRegression { MaxIter = 200 }.FitAsync(tiny, local, tinyCounting).GetAwaiter().GetResult();
        LinearClassifierModel Tiny(ITaskExecutor on) => new LogisticRegression { MaxIter = 200 }.FitAsync(tiny, on).GetAwaiter().GetResult();
        var (tinySeconds, _) = DataParallelBench.Median(repeats, () => Tiny(local));
        result["round_seconds_4000_rows"] = Math.Round(tinySeconds / tinyEvaluations, 5);
        if (await DataParallelBench.OnClusterAsync(options, "logistic_500k", repeats, Tiny) is { } tinyCluster)
            result["cluster_round_seconds_4000_rows"] = Math.Round(tinyCluster.Seconds / tinyEvaluations, 5);
        if (await DataParallelBench.OnClusterAsync(options, "logistic_500k", repeats, Partitioned) is { } cluster)
        {
            result["cluster_seconds"] = Math.Round(cluster.Seconds, 3);
            result["cluster_ratio"] = Math.Round(cluster.Seconds / partitionedSeconds, 3);
            result["cluster_identical"] = cluster.Result.Coef.Values.SequenceEqual(partitioned.Coef.Values)
                && cluster.Result.Intercept.SequenceEqual(partitioned.Intercept);
            result["cluster_partition_bytes_by_worker"] = cluster.BytesByWorker;
        }
        return result;
    }

    private sealed class CountingProgress(Action count) : IProgress<DataParallelProgress>
    {
        public void Report(DataParallelProgress value)
        {
            if (value.Stage == "lbfgs") count();
        }
    }
}
