using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>A task past its time or memory limit fails alone, with a message naming the limit, and the worker takes the next.</summary>
public sealed class LimitTests
{
    [BrokerFact(Timeout = 90_000)]
    public async Task ATaskPastTheTimeLimitFailsAloneAndTheWorkerTakesTheNext()
    {
        string broker = Broker.ForCluster("timeout");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "timeout", [.. WorkerProcesses.Plugin, "--task-timeout", "1s"]);
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { MaxTasksPerMessage = 1 });

        var outcomes = (await ProbeJobs.RunAsync(executor, [new ProbeTask(0, 3, SleepMs: 60_000), new ProbeTask(1, 4)])).ToDictionary(o => o.Task.Id);

        Assert.Contains("time limit of 1 s", outcomes[0].Error);
        Assert.Equal(16, outcomes[1].Result.Square);
        Assert.False(workers.Workers[0].HasExited);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task ATaskPastTheMemoryBudgetFailsAloneAndTheWorkerTakesTheNext()
    {
        string broker = Broker.ForCluster("memory");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "memory", [.. WorkerProcesses.Plugin, "--memory-budget", "700MB"]);
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { MaxTasksPerMessage = 1 });

        // 4 GB requested by a typo: the worker stops it near its budget instead of growing without limit.
        var outcomes = (await ProbeJobs.RunAsync(executor, [new ProbeTask(0, 3, AllocateMb: 4000), new ProbeTask(1, 5)])).ToDictionary(o => o.Task.Id);

        Assert.Contains("memory budget of 700 MiB", outcomes[0].Error);
        Assert.Equal(25, outcomes[1].Result.Square);
        Assert.False(workers.Workers[0].HasExited);
    }
}
