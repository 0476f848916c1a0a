using System.Text;
using RabbitMQ.Client;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

public sealed class HostileInputTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task GarbageAndUnknownEstimatorsAreRejectedAndTheWorkerKeepsServing()
    {
        string broker = Broker.ForCluster("hostile");
        var address = ClusterAddress.Parse(broker);
        int runs = 0;
        await using var worker = new InProcessWorker(broker, (task, data, folds) =>
        {
            Interlocked.Increment(ref runs);
            return new FitResult(task.Candidate, task.Split, [folds[task.Split].Test.Sum(i => data.Y![i])], null, 0, 0, null);
        });
        await using var executor = await ClusterExecutor.ConnectAsync(broker);

        // Garbage straight into the task queue: not JSON, JSON of the wrong shape, a forged envelope with bad fields.
        await PublishRawAsync(address, [
            Encoding.UTF8.GetBytes("\u0000\u0001 definitely not a message"),
            Encoding.UTF8.GetBytes("{\"message\": [1,2,3]}"),
            Encoding.UTF8.GetBytes("""{"messageType":["urn:message:Scalearn.Cluster.Messages:TaskBatchMessage"],"message":{"batchId":"6f1c6e1e-0000-0000-0000-000000000001","datasetHash":"zz","foldsHash":"zz","replyTo":"amqp://evil/","tasks":["x"]}}"""),
        ]);

        var data = TestData.Load("iris");
        var folds = new Folds([new Split([.. Enumerable.Range(0, 100)], [.. Enumerable.Range(100, 50)])]);
        var unknown = new FitTask(0, 0, new EstimatorSpec("System.Diagnostics.Process", new Dictionary<string, object?>()), ["score"], false);
        var results = new List<FitResult>();
        await foreach (var r in executor.RunAsync(new TaskBatch(data, folds, [unknown]))) results.Add(r);

        var rejected = Assert.Single(results);
        Assert.Contains("allow-list", rejected.Error);
        Assert.True(double.IsNaN(rejected.TestScores[0]));
        Assert.Equal(0, runs);
        Assert.True(worker.IsRunning);
    }

    private static async Task PublishRawAsync(ClusterAddress address, IEnumerable<byte[]> bodies)
    {
        var factory = new ConnectionFactory
        {
            HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost, UserName = address.User, Password = address.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclarePassiveAsync(address.TaskQueue);
        foreach (var body in bodies)
        {
            var props = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true };
            await channel.BasicPublishAsync("", address.TaskQueue, false, props, body);
        }
    }
}
