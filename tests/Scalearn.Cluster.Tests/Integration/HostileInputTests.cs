using System.Text;
using RabbitMQ.Client;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

public sealed class HostileInputTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task GarbageAndUnknownEstimatorsAreRejectedAndTheWorkerKeepsServing()
    {
        string broker = Broker.ForCluster("hostile");
        var address = ClusterAddress.Parse(broker);
        await using var worker = new InProcessWorker(broker);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);

        // Garbage straight into the task queue: not JSON, JSON of the wrong shape, a task message with a garbage body.
        await RawPublisher.PublishAsync(address, "", address.TaskQueue, [
            Encoding.UTF8.GetBytes("\u0000\u0001 definitely not a message"),
            Encoding.UTF8.GetBytes("{\"message\": [1,2,3]}"),
            RawPublisher.Envelope("TaskMessage", """{"body":"AAECAw==","mac":null}"""),
        ]);

        var data = TestData.Load("iris");
        var folds = new Folds([new Split([.. Enumerable.Range(0, 100)], [.. Enumerable.Range(100, 50)])]);
        var dataBlob = new DatasetBlob(data);
        var foldsBlob = new FoldsBlob(folds);
        var unknown = new FitTask(0, 0, new EstimatorSpec("System.Diagnostics.Process", new Dictionary<string, object?>()),
            [Metrics.Scorers.Get("score")], false, dataBlob.Id, foldsBlob.Id);
        await using var job = executor.Start(FitScoreKind.Instance, [dataBlob, foldsBlob]);
        job.Submit(unknown);
        job.Complete();
        var outcomes = new List<Execution.TaskOutcome<FitTask, FitResult>>();
        await foreach (var o in job.Results()) outcomes.Add(o);

        var rejected = Assert.Single(outcomes);
        Assert.Contains("allow-list", rejected.Error);
        Assert.True(double.IsNaN(rejected.Result.TestScores[0]));
        Assert.True(worker.IsRunning);
    }
}

/// <summary>Publishes raw bytes on the broker, as anyone with broker credentials could.</summary>
internal static class RawPublisher
{
    public static async Task PublishAsync(ClusterAddress address, string exchange, string routingKey, IEnumerable<byte[]> bodies)
    {
        var factory = new ConnectionFactory
        {
            HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost, UserName = address.User, Password = address.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var body in bodies)
        {
            var props = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = false };
            await channel.BasicPublishAsync(exchange, routingKey, false, props, body);
        }
    }

    /// <summary>A MassTransit JSON envelope carrying <paramref name="messageJson"/> as a message of type <paramref name="type"/>.</summary>
    public static byte[] Envelope(string type, string messageJson) => Encoding.UTF8.GetBytes(
        $$"""{"messageId":"{{Guid.NewGuid()}}","messageType":["urn:message:Scalearn.Cluster.Messages:{{type}}"],"message":{{messageJson}}}""");
}
