namespace Scalearn.Cluster.Tests.Integration;

public sealed class LostMessageTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task TasksWhoseMessagesWereLostAreSentAgainWhenWorkersGoIdle()
    {
        ProbeJobs.Register();
        string broker = Broker.ForCluster("lost");
        await using var worker = new InProcessWorker(broker);
        var log = new List<string>();
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions
        {
            DropFirstMessages = 2,
            StallTimeout = TimeSpan.FromSeconds(2),
            MaxTasksPerMessage = 4,
            Log = l => { lock (log) log.Add(l); },
        });

        var outcomes = await ProbeJobs.RunAsync(executor, ProbeJobs.Squares(20));

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), outcomes.Select(o => o.Result.Id).Order());
        Assert.All(outcomes, o => Assert.Equal(o.Task.Value * o.Task.Value, o.Result.Square));
        lock (log) Assert.Contains(log, l => l.Contains("sending them again"));
    }
}
