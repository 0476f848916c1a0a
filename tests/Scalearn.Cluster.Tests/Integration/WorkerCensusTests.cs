namespace Scalearn.Cluster.Tests.Integration;

/// <summary>
/// A driver asks the broker how many workers consume the task queue, so it stops waiting for heartbeats once that many
/// answered instead of always waiting out the settle time.
/// </summary>
public sealed class WorkerCensusTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task TheTaskQueueCountsOneConsumerPerWorkerAndNothingBeforeAnyWorkerDeclaredIt()
    {
        var address = ClusterAddress.Parse(Broker.ForCluster("census"));
        Assert.Null(await BrokerConnection.TaskQueueConsumersAsync(address, CancellationToken.None));

        var uri = Broker.Uri + (Broker.Uri!.Contains('?') ? "&" : "?") + "cluster=" + address.Cluster;
        await using (var first = new InProcessWorker(uri, concurrency: 2))
        await using (var second = new InProcessWorker(uri))
        {
            Assert.Equal(2, await ConsumersAsync(address, expected: 2));
            await using var executor = await ClusterExecutor.ConnectAsync(uri);
            bool live = false;
            for (int i = 0; i < 100 && !live; i++) live = await executor.WaitForWorkersAsync(CancellationToken.None);
            Assert.True(live);
            var (workers, slots, _, _) = executor.Workers.Snapshot();
            Assert.Equal((2, 3), (workers, slots));
        }
        Assert.Equal(0, await ConsumersAsync(address, expected: 0));
    }

    [Fact]
    public async Task NoBrokerGivesNoCountRatherThanAnError()
    {
        var address = ClusterAddress.Parse("amqp://guest:guest@127.0.0.1:1/");
        Assert.Null(await BrokerConnection.TaskQueueConsumersAsync(address, CancellationToken.None));
    }

    /// <summary>The count once it reaches <paramref name="expected"/> (workers start and stop consuming asynchronously), else the last one read.</summary>
    private static async Task<int?> ConsumersAsync(ClusterAddress address, int expected)
    {
        int? count = null;
        for (int i = 0; i < 200 && count != expected; i++)
        {
            count = await BrokerConnection.TaskQueueConsumersAsync(address, CancellationToken.None);
            if (count != expected) await Task.Delay(100);
        }
        return count;
    }
}
