using Scalearn.Clustering;
using Scalearn.Data.Generators;
using Scalearn.Distributed;
using Scalearn.Execution;
using Scalearn.Linear;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>
/// Data-parallel fits on real `scalearn worker` processes: a worker SIGKILLed mid-training has its partitions loaded
/// by the other worker, the round's missing tasks run again, and the model is the one the local executor gives, bit for bit.
/// </summary>
public sealed class DataParallelClusterTests
{
    [BrokerFact(Timeout = 120_000)]
    public async Task KMeansWithAWorkerKilledMidTrainingGivesTheLocalModel()
    {
        string broker = Broker.ForCluster("dp-kmeans-kill");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "dp-kmeans");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        // Wide, overlapping blobs: Lloyd needs many iterations, so the kill lands well before the end.
        var data = DataGenerators.MakeBlobs(nSamples: 20_000, nFeatures: 6, centers: 8, clusterStd: 6.0, randomState: 1);
        var parts = PartitionedDataset.Split(data, 6);
        KMeans Estimator() => new() { NClusters = 8, NInit = 1, Init = "k-means||", RandomState = 0, MaxIter = 300, Tol = 0 };

        var local = await Estimator().FitAsync(parts, new LocalExecutor(2));
        var (remote, killedAt, _) = await KillMidTrainingAsync(workers, "lloyd", 2,
            options => Estimator().FitAsync(parts, executor, options));

        Assert.True(killedAt < remote.Iterations, $"killed after iteration {killedAt} of {remote.Iterations}\n{workers.Output}");
        Assert.Equal(local.Iterations, remote.Iterations);
        Assert.Equal(local.ClusterCenters.Values, remote.ClusterCenters.Values);
        Assert.Equal(local.Labels, remote.Labels);
        Assert.Equal(local.Inertia, remote.Inertia);
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task LogisticRegressionWithAWorkerKilledMidTrainingGivesTheLocalModel()
    {
        string broker = Broker.ForCluster("dp-logistic-kill");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "dp-logistic");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = DataGenerators.MakeClassification(nSamples: 20_000, nFeatures: 12, nInformative: 6, nClasses: 3, randomState: 2);
        var parts = PartitionedDataset.Split(data, 6);
        LogisticRegression Estimator() => new() { MaxIter = 200 };

        var local = await Estimator().FitAsync(parts, new LocalExecutor(2));
        int evaluations = 0;
        var (remote, killedAt, _) = await KillMidTrainingAsync(workers, "lbfgs", 3, options =>
        {
            var counting = options with { Progress = new SyncProgress<DataParallelProgress>(p => { if (p.Stage == "lbfgs") evaluations++; options.Progress!.Report(p); }) };
            return Estimator().FitAsync(parts, executor, counting);
        });

        Assert.True(killedAt < evaluations, $"killed after evaluation {killedAt} of {evaluations}\n{workers.Output}");
        Assert.Equal(local.Classes, remote.Classes);
        Assert.Equal(local.Coef.Values, remote.Coef.Values);
        Assert.Equal(local.Intercept, remote.Intercept);
    }

    [BrokerFact(Timeout = 120_000)]
    public async Task PartitionsSpreadEvenlyOverTheWorkers()
    {
        string broker = Broker.ForCluster("dp-spread");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "dp-spread");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); executor.Slots < 2; await Task.Delay(50))
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the driver never saw both workers\n" + workers.Output);
        var data = DataGenerators.MakeClassification(nSamples: 6_000, nFeatures: 8, randomState: 3);
        var parts = PartitionedDataset.Split(data, 6);

        var local = await new LogisticRegression().FitAsync(parts, new LocalExecutor(2));
        // The second worker is frozen (not long enough to count as gone) while the first rounds go out: left to whichever
        // worker takes tasks first, the first one would load most partitions.
        Signal("STOP", workers.Workers[1].ProcessId);
        var fit = new LogisticRegression().FitAsync(parts, executor);
        await Task.Delay(1500);
        Signal("CONT", workers.Workers[1].ProcessId);
        var remote = await fit;

        var bytes = executor.Statistics.BlobBytesByWorker;
        Assert.Equal(2, bytes.Count);
        long total = bytes.Values.Sum();
        // Three partitions of 1,000 rows each, not the first worker to answer taking most of them.
        Assert.All(bytes.Values, b => Assert.InRange(b, total * 2 / 5, total * 3 / 5));
        Assert.Equal(local.Coef.Values, remote.Coef.Values);
        Assert.Equal(local.Intercept, remote.Intercept);
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>
    /// Runs <paramref name="fit"/>, SIGKILLing the first worker once it has run tasks and the fit reported iteration
    /// <paramref name="iteration"/> of <paramref name="stage"/>; returns the model, that iteration and the retried tasks.
    /// </summary>
    private static async Task<(T Model, int KilledAt, int Retries)> KillMidTrainingAsync<T>(WorkerProcesses workers, string stage, int iteration,
        Func<DataParallelOptions, Task<T>> fit)
    {
        var victim = workers.Workers[0];
        int killedAt = -1, retries = 0;
        var progress = new SyncProgress<DataParallelProgress>(p =>
        {
            if (p.Stage == "retry") retries++;
            if (killedAt < 0 && p.Stage == stage && p.Iteration >= iteration && victim.Output.Contains(" ok"))
            {
                killedAt = p.Iteration;
                victim.Kill();
            }
        });
        var model = await fit(new DataParallelOptions { Progress = progress });
        Assert.True(killedAt > 0, "the worker was never killed (did it run no task?)\n" + workers.Output);
        await JobsPredictTests.AssertKilledAsync(victim);
        return (model, killedAt, retries);
    }
}
