using System.Diagnostics;
using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

[CollectionDefinition(nameof(BrokerRestartCollection), DisableParallelization = true)]
public sealed class BrokerRestartCollection;

/// <summary>Stops and restarts the broker application, so these run alone (after the parallel tests).</summary>
[Collection(nameof(BrokerRestartCollection))]
public sealed class BrokerRestartTests
{
    [RestartableBrokerFact(Timeout = 120_000)]
    public async Task SearchResumesWhenTheBrokerComesBack()
    {
        var log = new List<string>();
        var (executor, worker, batch) = await StartAsync("restart", new ClusterOptions { BrokerTimeout = TimeSpan.FromSeconds(60), Log = l => { lock (log) log.Add(l); } });
        await using var _ = executor;
        await using var __ = worker;

        var results = new List<ProbeResult>();
        bool restarted = false;
        await using var job = executor.Start(ProbeJobs.Kind);
        job.Submit(batch);
        job.Complete();
        await foreach (var r in job.Results())
        {
            results.Add(r.Result);
            if (results.Count == 5 && !restarted)
            {
                restarted = true;
                await RabbitMq.CtlAsync("stop_app");
                await Task.Delay(2000);
                await RabbitMq.CtlAsync("start_app");
            }
        }

        Assert.True(restarted);
        Assert.Equal(batch.Count, results.Count);
        Assert.All(results, r => Assert.Equal(r.Id * r.Id, r.Square));
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
                await using var job = executor.Start(ProbeJobs.Kind);
                job.Submit(batch);
                job.Complete();
                await foreach (var r in job.Results())
                    if (++count == 3)
                    {
                        await RabbitMq.CtlAsync("stop_app");
                        clock.Start();
                    }
            });
            Assert.Contains("Lost the connection to RabbitMQ", e.Message);
            Assert.InRange(clock.Elapsed.TotalSeconds, 2, 20);
        }
        finally
        {
            await RabbitMq.CtlAsync("start_app");
        }
    }

    private static async Task<(ClusterExecutor, InProcessWorker, List<ProbeTask>)> StartAsync(string name, ClusterOptions options)
    {
        ProbeJobs.Register();
        string broker = Broker.ForCluster(name);
        var worker = new InProcessWorker(broker);
        var executor = await ClusterExecutor.ConnectAsync(broker, options);
        // 300 x 40 ms on one worker: long enough that a slow rabbitmqctl (an Erlang VM start) still stops the broker mid-job.
        return (executor, worker, ProbeJobs.Squares(300, sleepMs: 40).ToList());
    }
}
