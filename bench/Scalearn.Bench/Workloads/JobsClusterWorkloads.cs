namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_predict_cluster (issue 9): rf_predict's `scalearn predict` of the 1M-row CSV, local vs 2 local workers (target:
/// within 1.2x). Needs --cluster (a broker) and rf_predict_sklearn.py's data.
/// </summary>
public sealed class RfPredictClusterWorkload : IWorkload
{
    public string Name => "rf_predict_cluster";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => Run(options, Name, dataOnWorkers: false);

    internal static IReadOnlyDictionary<string, object?> Run(BenchOptions options, string name, bool dataOnWorkers)
    {
        var data = RfPredictData.Prepare();
        var expected = data.Model.Predict(data.LoadRows());
        if (dataOnWorkers)   // the worker processes started for the run inherit it: they may read the bench's data folder
            Environment.SetEnvironmentVariable(Scalearn.Distributed.DataDirectories.Variable, Path.GetFullPath(data.Folder));
        string[] onWorkers = dataOnWorkers ? ["--data-on-workers"] : [];
        return CliClusterComparison.Run(options, name, ".csv", output => ["predict", "--model", data.ModelPath, "--data", data.Csv, "--out", output, .. onWorkers],
            output =>
            {
                int wrong = RfPredictData.Mismatches(output, expected);
                if (wrong > 0) throw new InvalidOperationException($"{wrong} predictions differ from the in-memory ones.");
            });
    }
}

/// <summary>
/// rf_predict_cluster_on_workers (issue 9): the same with --data-on-workers, as when the file is on a mount every worker
/// reads (local workers share this machine's disk): the workers read their row ranges, no rows pass through the broker.
/// </summary>
public sealed class RfPredictOnWorkersClusterWorkload : IWorkload
{
    public string Name => "rf_predict_cluster_on_workers";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RfPredictClusterWorkload.Run(options, Name, dataOnWorkers: true);
}

/// <summary>
/// predict_small_cluster (issue 9): `scalearn predict --data-on-workers` of rf_predict's first 1,000 rows, local vs 2 local
/// workers: what every cluster command pays before and after its tasks (process start, connecting to the broker, hearing
/// from the workers, the first task's round trip) with next to no work to hide it.
/// </summary>
public sealed class PredictSmallClusterWorkload : IWorkload
{
    private const int Rows = 1000;

    public string Name => "predict_small_cluster";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = RfPredictData.Prepare();
        string csv = Path.Combine(data.Folder, $"rf_predict_{Rows}x20.csv");
        if (!File.Exists(csv)) File.WriteAllLines(csv, File.ReadLines(data.Csv).Take(Rows + 1));
        var expected = data.Model.Predict(Scalearn.Data.CsvLoader.Load(csv, new Scalearn.Data.CsvOptions { Target = null }));
        Environment.SetEnvironmentVariable(Scalearn.Distributed.DataDirectories.Variable, Path.GetFullPath(data.Folder));
        return CliClusterComparison.Run(options, Name, ".csv", output => ["predict", "--model", data.ModelPath, "--data", csv, "--out", output, "--data-on-workers"],
            output =>
            {
                int wrong = RfPredictData.Mismatches(output, expected);
                if (wrong > 0) throw new InvalidOperationException($"{wrong} predictions differ from the in-memory ones.");
            });
    }
}

/// <summary>groups_cluster (issue 9): the groups workload's `scalearn fit-groups`, local vs 2 local workers (target: within 1.2x).</summary>
public sealed class GroupsClusterWorkload : IWorkload
{
    public string Name => "groups_cluster";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        string data = GroupsWorkload.DataPath();
        return CliClusterComparison.Run(options, Name, "", output => GroupsWorkload.Args(data, output), output =>
        {
            int models = Directory.GetFiles(Path.Combine(output, "models")).Length;
            if (models != 1000) throw new InvalidOperationException($"fit-groups wrote {models} model files for 1000 groups.");
        });
    }
}

/// <summary>knn_self_cluster (issue 9): the knn_self workload's `scalearn knn --self`, local vs 2 local workers (target: within 1.2x).</summary>
public sealed class KnnSelfClusterWorkload : IWorkload
{
    public string Name => "knn_self_cluster";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        string index = KnnSelfWorkload.Index();
        return CliClusterComparison.Run(options, Name, ".csv", output => KnnSelfWorkload.Args(index, output), output =>
        {
            long lines = File.ReadLines(output).LongCount() - 1;
            if (lines != (long)KnnSelfWorkload.Rows * KnnSelfWorkload.K) throw new InvalidOperationException($"knn --self wrote {lines} rows.");
        });
    }
}

/// <summary>
/// rf_predict_cluster_jobs (issue 9): the same predict job through the library (BatchPredictor) from one long-lived
/// process, on the local executor and on 2 local workers reading their row ranges (DataOnWorkers), alternated: the
/// job's own cost on the cluster, without the start of a driver process and its connection to the broker that every
/// `scalearn predict --cluster` pays (the CLI workloads above include them).
/// </summary>
public sealed class RfPredictClusterJobsWorkload : IWorkload
{
    private const int Workers = 2;

    public string Name => "rf_predict_cluster_jobs";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var data = RfPredictData.Prepare();
        var expected = data.Model.Predict(data.LoadRows());
        Environment.SetEnvironmentVariable(Scalearn.Distributed.DataDirectories.Variable, Path.GetFullPath(data.Folder));
        string broker = ClusterBench.Broker(options, Name);
        int slots = Math.Max(1, Environment.ProcessorCount / Workers);
        var workers = await ClusterBench.StartWorkersAsync(broker, Workers, slots);
        try
        {
            await using var cluster = await Scalearn.Cluster.ClusterExecutor.ConnectAsync(broker);
            var local = new Scalearn.Execution.LocalExecutor(Workers * slots);
            async Task<double> Once(Scalearn.Execution.ITaskExecutor executor)
            {
                string output = Path.Combine(Path.GetTempPath(), $"scalearn-bench-{Name}-{Guid.NewGuid():N}.csv");
                try
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    await Scalearn.Jobs.BatchPredictor.RunAsync(executor, data.ModelPath, data.Csv, output, new Scalearn.Jobs.BatchPredictOptions { DataOnWorkers = true });
                    double seconds = clock.Elapsed.TotalSeconds;
                    int wrong = RfPredictData.Mismatches(output, expected);
                    if (wrong > 0) throw new InvalidOperationException($"{wrong} predictions differ from the in-memory ones.");
                    return seconds;
                }
                finally
                {
                    File.Delete(output);
                }
            }
            double coldLocal = await Once(local), coldCluster = await Once(cluster);
            var localSeconds = new List<double>();
            var clusterSeconds = new List<double>();
            for (int r = 0; r < Math.Max(1, options.Repeats); r++)
            {
                localSeconds.Add(await Once(local));
                clusterSeconds.Add(await Once(cluster));
            }
            double l = Median.Of(localSeconds), c = Median.Of(clusterSeconds);
            return new Dictionary<string, object?>
            {
                ["seconds"] = Math.Round(c, 3),
                ["local_seconds"] = Math.Round(l, 3),
                ["cluster_seconds"] = Math.Round(c, 3),
                ["ratio"] = Math.Round(c / l, 3),
                ["local_rows_per_second"] = Math.Round(expected.Length / l),
                ["cluster_rows_per_second"] = Math.Round(expected.Length / c),
                ["local_runs"] = localSeconds.Select(s => Math.Round(s, 3)).ToArray(),
                ["cluster_runs"] = clusterSeconds.Select(s => Math.Round(s, 3)).ToArray(),
                ["cold_local_seconds"] = Math.Round(coldLocal, 3),
                ["cold_cluster_seconds"] = Math.Round(coldCluster, 3),
                ["workers"] = Workers,
                ["slots_per_worker"] = slots,
            };
        }
        finally
        {
            await ClusterBench.StopAsync(workers);
        }
    }
}
