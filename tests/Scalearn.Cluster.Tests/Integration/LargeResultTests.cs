using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>
/// Results far larger than one message (fit-groups packs hundreds of models into one task's result) reach the driver
/// whole, beside small ones: a single result message of 100 MB or more was refused by the broker, which closed the
/// worker's connection, and the job never finished.
/// </summary>
public sealed class LargeResultTests
{
    [BrokerFact(Timeout = 120_000)]
    public async Task AResultOfManyMessagesArrivesWholeBesideSmallOnes()
    {
        string broker = Broker.ForCluster("large-result");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "large-result", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);

        const int large = 150 << 20;   // past RabbitMQ's default message size limit of 128 MiB, in 19 parts
        var outcomes = (await ProbeJobs.RunAsync(executor,
            [new ProbeTask(0, 2), new ProbeTask(1, 3, PayloadBytes: large), new ProbeTask(2, 4, PayloadBytes: 5 << 20), new ProbeTask(3, 5)]))
            .ToDictionary(o => o.Task.Id);

        Assert.All(outcomes.Values, o => Assert.Null(o.Error));
        Assert.Equal([4L, 9, 16, 25], outcomes.OrderBy(o => o.Key).Select(o => o.Value.Result.Square));
        // ProbeKind.Mismatch already refused any result whose payload differs; check the sizes once more here.
        Assert.Equal(large, outcomes[1].Result.Payload!.Length);
        Assert.Equal(5 << 20, outcomes[2].Result.Payload!.Length);
        Assert.Empty(outcomes[0].Result.Payload!);
    }
}
