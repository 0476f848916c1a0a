using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

public sealed class LostMessageTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task TasksWhoseMessagesWereLostAreSentAgainWhenWorkersGoIdle()
    {
        string broker = Broker.ForCluster("lost");
        await using var worker = new InProcessWorker(broker, (task, data, folds) =>
            new FitResult(task.Candidate, task.Split, [task.Candidate * 0.5], null, 0, 0, null));
        var log = new List<string>();
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions
        {
            DropFirstMessages = 2,
            StallTimeout = TimeSpan.FromSeconds(2),
            MaxTasksPerMessage = 4,
            Log = l => { lock (log) log.Add(l); },
        });
        var data = TestData.Load("iris");
        var folds = new Folds([new Split([.. Enumerable.Range(0, 100)], [.. Enumerable.Range(100, 50)])]);
        var spec = new EstimatorSpec("DummyClassifier", new Dictionary<string, object?>());
        var tasks = Enumerable.Range(0, 20).Select(i => new FitTask(i, 0, spec, ["score"], false)).ToList();

        var results = new List<FitResult>();
        await foreach (var r in executor.RunAsync(new TaskBatch(data, folds, tasks))) results.Add(r);

        Assert.Equal(Enumerable.Range(0, 20), results.Select(r => r.Candidate).Order());
        Assert.All(results, r => Assert.Equal(r.Candidate * 0.5, r.TestScores[0]));
        lock (log) Assert.Contains(log, l => l.Contains("sending them again"));
    }
}
