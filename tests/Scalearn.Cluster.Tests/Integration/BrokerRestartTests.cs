using System.Diagnostics;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

[CollectionDefinition(nameof(BrokerRestartCollection), DisableParallelization = true)]
public sealed class BrokerRestartCollection;

/// <summary>Stops and restarts the broker application, so these run alone (after the parallel tests).</summary>
[Collection(nameof(BrokerRestartCollection))]
public sealed class BrokerRestartTests
{
    private static string Ctl => Environment.GetEnvironmentVariable("SCALEARN_TEST_RABBITMQCTL") ?? "";

    [RestartableBrokerFact(Timeout = 120_000)]
    public async Task SearchResumesWhenTheBrokerComesBack()
    {
        var log = new List<string>();
        var (executor, worker, batch) = await StartAsync("restart", new ClusterOptions { BrokerTimeout = TimeSpan.FromSeconds(60), Log = l => { lock (log) log.Add(l); } });
        await using var _ = executor;
        await using var __ = worker;

        var results = new List<FitResult>();
        bool restarted = false;
        await foreach (var r in executor.RunAsync(batch))
        {
            results.Add(r);
            if (results.Count == 5 && !restarted)
            {
                restarted = true;
                await RabbitMqCtl("stop_app");
                await Task.Delay(2000);
                await RabbitMqCtl("start_app");
            }
        }

        Assert.True(restarted);
        Assert.Equal(batch.Tasks.Count, results.Count);
        Assert.All(results, r => Assert.Equal(Expected(r.Candidate), r.TestScores[0]));
        lock (log) Assert.Contains(log, l => l.Contains("lost the connection"));
    }

    [RestartableBrokerFact(Timeout = 120_000)]
    public async Task BrokerGoneLongerThanTheTimeoutFailsClearly()
    {
        var (executor, worker, batch) = await StartAsync("gone", new ClusterOptions { BrokerTimeout = TimeSpan.FromSeconds(3) });
        await using var _ = executor;
        await using var __ = worker;
        var clock = new Stopwatch();
        try
        {
            var e = await Assert.ThrowsAsync<ClusterException>(async () =>
            {
                int count = 0;
                await foreach (var r in executor.RunAsync(batch))
                    if (++count == 3)
                    {
                        await RabbitMqCtl("stop_app");
                        clock.Start();
                    }
            });
            Assert.Contains("Lost the connection to RabbitMQ", e.Message);
            Assert.InRange(clock.Elapsed.TotalSeconds, 2, 20);
        }
        finally
        {
            await RabbitMqCtl("start_app");
        }
    }

    private static double Expected(int candidate) => candidate * 0.001;

    private static async Task<(ClusterExecutor, InProcessWorker, TaskBatch)> StartAsync(string name, ClusterOptions options)
    {
        string broker = Broker.ForCluster(name);
        var worker = new InProcessWorker(broker, (task, data, folds) =>
        {
            Thread.Sleep(40);
            return new FitResult(task.Candidate, task.Split, [Expected(task.Candidate)], null, 0.04, 0, null);
        });
        var executor = await ClusterExecutor.ConnectAsync(broker, options);
        var data = TestData.Load("iris");
        var folds = new Folds([new Split([.. Enumerable.Range(0, 100)], [.. Enumerable.Range(100, 50)])]);
        var spec = new EstimatorSpec("DummyClassifier", new Dictionary<string, object?>());
        // 300 x 40 ms on one worker: long enough that a slow rabbitmqctl (an Erlang VM start) still stops the broker mid-batch.
        var tasks = Enumerable.Range(0, 300).Select(i => new FitTask(i, 0, spec, ["score"], false)).ToList();
        return (executor, worker, new TaskBatch(data, folds, tasks));
    }

    private static async Task RabbitMqCtl(string command)
    {
        var parts = Ctl.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var p in parts.Skip(1)) start.ArgumentList.Add(p);
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {command} failed: {await stderr}");
    }
}
