using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

public sealed class CancellationTests
{
    [BrokerFact(Timeout = 60_000)]
    public async Task CancelledBatchIsDroppedByWorkers()
    {
        string broker = Broker.ForCluster("cancel");
        int started = 0;
        await using var worker = new InProcessWorker(broker, (task, data, folds) =>
        {
            Interlocked.Increment(ref started);
            Thread.Sleep(100);
            return new FitResult(task.Candidate, task.Split, [0.5], null, 0.1, 0, null);
        });
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { MaxTasksPerMessage = 2 });
        var data = TestData.Load("iris");
        var folds = new Folds([new Split([.. Enumerable.Range(0, 100)], [.. Enumerable.Range(100, 50)])]);
        var spec = new EstimatorSpec("DummyClassifier", new Dictionary<string, object?>());
        var tasks = Enumerable.Range(0, 60).Select(i => new FitTask(i, 0, spec, ["score"], false)).ToList();

        using var cts = new CancellationTokenSource();
        int received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in executor.RunAsync(new TaskBatch(data, folds, tasks), null, cts.Token))
                if (++received == 2) cts.Cancel();
        });
        await Task.Delay(1500);
        int afterCancel = Volatile.Read(ref started);
        await Task.Delay(1000);

        Assert.Equal(afterCancel, Volatile.Read(ref started));   // nothing more runs
        Assert.InRange(afterCancel, 2, 30);                      // far from all 60 (each task takes 100 ms)
        Assert.True(worker.IsRunning);
    }
}
