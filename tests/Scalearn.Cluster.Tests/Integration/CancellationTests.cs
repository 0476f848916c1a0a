using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.TestPlugin;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

public sealed class CancellationTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task ACancelledJobIsDroppedByWorkers()
    {
        ProbeJobs.Register();
        string broker = Broker.ForCluster("cancel");
        await using var worker = new InProcessWorker(broker);
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { MaxTasksPerMessage = 2 });

        using var cts = new CancellationTokenSource();
        int received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProbeJobs.RunAsync(executor, ProbeJobs.Squares(60, sleepMs: 100),
            onOutcome: (_, _) => { if (++received == 2) cts.Cancel(); }, ct: cts.Token));
        await Task.Delay(1500);
        long afterCancel = executor.Statistics.ResultMessages;
        await Task.Delay(1000);

        Assert.Equal(afterCancel, executor.Statistics.ResultMessages);   // nothing more runs
        Assert.True(worker.IsRunning);
        // The worker is free: a new job runs at once.
        var next = await ProbeJobs.RunAsync(executor, [new ProbeTask(0, 12)]);
        Assert.Equal(144, Assert.Single(next).Result.Square);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task CtrlCFreesAWorkerBusyOnALongFitWithinASecond()
    {
        string broker = Broker.ForCluster("ctrlc");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "ctrlc", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var digits = TestData.Load("digits");
        // A forest that would take many minutes: the search's tasks are running when Ctrl+C (the token) arrives.
        var search = new GridSearch(new RandomForestClassifier { NEstimators = 200_000, RandomState = 0 }, ParamGrid.Parse("""{"max_depth":[null]}"""))
        {
            Executor = executor, Cv = new KFold(2), Refit = false,
        };
        using var ctrlC = new CancellationTokenSource();
        var running = search.FitAsync(digits, ctrlC.Token);
        await workers.WaitForOutputAsync(_ => executor.Workers.Snapshot().Running > 0, TimeSpan.FromSeconds(30));
        await Task.Delay(500);
        var clock = Stopwatch.StartNew();
        ctrlC.Cancel();
        var result = await running;
        Assert.False(result.Completed);

        // The next job's task runs as soon as the fit let go of the only slot.
        var next = await ProbeJobs.RunAsync(executor, [new ProbeTask(0, 5)]);
        var freedAfter = clock.Elapsed;
        Assert.Equal(25, Assert.Single(next).Result.Square);
        Assert.True(freedAfter < TimeSpan.FromSeconds(1.5), $"the worker took {freedAfter} to take new work\n{workers.Output}");
    }
}
