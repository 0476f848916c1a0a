using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.ModelSelection;
using Scalearn.TestPlugin;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>A task kind that is not the search's, and a user's estimator, run through the same engine locally and on workers.</summary>
public sealed class EngineTests
{
    [BrokerFact(Timeout = 90_000)]
    public async Task APluginKindRunsLocallyAndOnWorkersWithTheSameResults()
    {
        string broker = Broker.ForCluster("kind");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "kind", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var input = new BytesBlob(Enumerable.Range(0, 9_000_000).Select(i => (byte)(i * 31)).ToArray());   // three chunks
        var tasks = Enumerable.Range(0, 40).Select(i => new ProbeTask(i, i - 7, SleepMs: 20, Input: input.Id)).ToList();

        var local = await ProbeJobs.RunAsync(new LocalExecutor(2), tasks, [input]);
        var remote = await ProbeJobs.RunAsync(executor, tasks, [input]);

        Assert.Equal(local.Select(o => (o.Result.Id, o.Result.Square, o.Result.InputLength)).Order(),
            remote.Select(o => (o.Result.Id, o.Result.Square, o.Result.InputLength)).Order());
        Assert.All(remote, o => Assert.StartsWith("kind-", o.Worker));
        // The input went to each worker that ran a task exactly once.
        Assert.All(executor.Statistics.BlobBytesByWorker.Values, bytes => Assert.Equal(input.Length, bytes));
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task TasksGoToTheHolderOfTheirInputWhileItHasASlotFreeAndElsewhereWhenThatWorkerDies()
    {
        string broker = Broker.ForCluster("place");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "place", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var partition = new BytesBlob(Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray());

        // First pass: whoever takes the task fetches the input and holds it.
        var first = Assert.Single(await ProbeJobs.RunAsync(executor, [new ProbeTask(0, 1, Input: partition.Id)], [partition]));
        await Task.Delay(1500);   // a heartbeat listing the held input
        // One task at a time: the holder's slot is free, so each goes there.
        for (int i = 0; i < 4; i++)
            Assert.Equal(first.Worker, Assert.Single(await ProbeJobs.RunAsync(executor, [new ProbeTask(i, i, SleepMs: 10, Input: partition.Id)], [partition])).Worker);
        // Many at once: the holder's one slot is taken, so the others go to whichever worker is idle, and both work.
        var many = await ProbeJobs.RunAsync(executor, Enumerable.Range(0, 12).Select(i => new ProbeTask(i, i, SleepMs: 150, Input: partition.Id)), [partition]);
        Assert.Equal(2, many.Select(o => o.Worker).Distinct().Count());
        Assert.All(many, o => Assert.Equal(partition.Length, o.Result.InputLength));

        // The holder dies: the next tasks preferring its partition run on the other worker.
        workers.Workers.Single(w => w.Name == first.Worker).Kill();
        var after = await ProbeJobs.RunAsync(executor, Enumerable.Range(0, 4).Select(i => new ProbeTask(i, i, Input: partition.Id)), [partition]);
        Assert.All(after, o => Assert.NotEqual(first.Worker, o.Worker));
        Assert.All(after, o => Assert.Equal(partition.Length, o.Result.InputLength));
    }

    [BrokerFact(Timeout = 60_000)]
    public async Task ASingleTaskCanBeCancelledWhileTheOthersFinish()
    {
        ProbeJobs.Register();
        string broker = Broker.ForCluster("cancel-one");
        await using var worker = new InProcessWorker(broker);
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { MaxTasksPerMessage = 1 });
        await using var job = executor.Start(ProbeJobs.Kind);
        job.Submit([new ProbeTask(0, 2, SleepMs: 20_000), new ProbeTask(1, 3), new ProbeTask(2, 4)]);
        job.Complete();
        for (int i = 0; i < 200 && job.Progress.InFlight == 0; i++) await Task.Delay(20);
        job.Cancel(new TaskKey(0));
        var outcomes = new List<TaskOutcome<ProbeTask, ProbeResult>>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await foreach (var o in job.Results()) outcomes.Add(o);
        Assert.Equal([1L, 2L], outcomes.Select(o => o.Task.Id).Order());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the cancelled task held the worker for {clock.Elapsed}");
        Assert.Equal(2, job.Progress.Total);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task AUsersEstimatorIsSearchedOnWorkersThatLoadedItsPlugin()
    {
        ProbeJobs.Register();   // the driver registers the same assembly
        string broker = Broker.ForCluster("plugin");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "plugin", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = TestData.Load("wine");
        GridSearch Search(ITaskExecutor on) => new(new PluginMajorityClassifier(), ParamGrid.Parse("""{"fallback":[0,1]}""")) { Executor = on, Cv = new StratifiedKFold(3) };

        var local = await Search(new LocalExecutor(1)).FitAsync(data);
        var remote = await Search(executor).FitAsync(data);

        ClusterSearchTests.AssertSameScores(local.CvResults, remote.CvResults, workers.Output);
        Assert.All(remote.CvResults.Errors, Assert.Null);
    }
}
