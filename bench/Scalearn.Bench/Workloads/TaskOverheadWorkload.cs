using System.Diagnostics;
using Scalearn.Cluster;
using Scalearn.Data;
using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Many trivial tasks (DummyClassifier on iris) through a 2-worker cluster: the amortized per-task round trip
/// (cluster wall time minus the same tasks on the local executor, per task) and the bytes sent to each worker.
/// </summary>
public sealed class TaskOverheadWorkload : IWorkload
{
    private const int Tasks = 20_000;
    private const int Workers = 2;

    public string Name => "task_overhead";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options)
    {
        string broker = ClusterBench.Broker(options, "task_overhead");
        var data = BundledDatasets.Load("iris");
        var folds = new StratifiedKFold(5).Split(data);
        var spec = EstimatorSpec.Of(new DummyClassifier());
        var inputs = new Scalearn.Execution.Blobs.IBlob[] { new DatasetBlob(data), new FoldsBlob(folds) };
        var score = Scalearn.Metrics.Scorers.Get("score");
        List<FitTask> Batch(int count) => Enumerable.Range(0, count).Select(i => new FitTask(i / 5, i % 5, spec, [score], false, inputs[0].Id, inputs[1].Id)).ToList();

        int slots = Math.Max(1, Environment.ProcessorCount / Workers);
        var workers = await ClusterBench.StartWorkersAsync(broker, Workers, slots);
        try
        {
            await using var executor = await ClusterExecutor.ConnectAsync(broker);
            await Drain(executor, inputs, Batch(1000));   // warm-up: JIT on the workers, dataset and folds fetched once
            var local = new LocalExecutor(Workers * slots);
            await Drain(local, inputs, Batch(1000));

            var before = executor.Statistics;
            var clusterSeconds = await Drain(executor, inputs, Batch(Tasks));
            var after = executor.Statistics;
            var localSeconds = await Drain(local, inputs, Batch(Tasks));

            long taskBytes = after.TaskMessageBytes - before.TaskMessageBytes;
            long messages = after.TaskMessages - before.TaskMessages;
            return new Dictionary<string, object?>
            {
                ["seconds"] = Math.Round(clusterSeconds, 3),
                ["tasks"] = Tasks,
                ["workers"] = Workers,
                ["slots_per_worker"] = slots,
                ["local_seconds"] = Math.Round(localSeconds, 3),
                ["ms_per_task_cluster"] = Math.Round(clusterSeconds * 1000 / Tasks, 4),
                ["ms_per_task_local"] = Math.Round(localSeconds * 1000 / Tasks, 4),
                ["overhead_ms_per_task"] = Math.Round((clusterSeconds - localSeconds) * 1000 / Tasks, 4),
                ["task_messages"] = messages,
                ["tasks_per_message"] = Math.Round((double)Tasks / Math.Max(1, messages), 1),
                ["task_bytes_per_task"] = Math.Round((double)taskBytes / Tasks, 1),
                ["result_messages"] = after.ResultMessages - before.ResultMessages,
                ["blob_bytes_per_worker"] = after.BlobBytesByWorker.ToDictionary(kv => kv.Key, kv => kv.Value),
            };
        }
        finally
        {
            await ClusterBench.StopAsync(workers);
        }
    }

    private static async Task<double> Drain(ITaskExecutor executor, Scalearn.Execution.Blobs.IBlob[] inputs, List<FitTask> tasks)
    {
        var clock = Stopwatch.StartNew();
        int count = 0;
        await using var job = executor.Start(FitScoreKind.Instance, inputs);
        job.Submit(tasks);
        job.Complete();
        await foreach (var r in job.Results())
            if (r.Result.Error is null && !r.Failed) count++;
        if (count != tasks.Count) throw new InvalidOperationException($"{tasks.Count - count} tasks failed.");
        return clock.Elapsed.TotalSeconds;
    }
}
