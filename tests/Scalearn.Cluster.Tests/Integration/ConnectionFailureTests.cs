using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Scalearn.Execution;

namespace Scalearn.Cluster.Tests.Integration;

public sealed class ConnectionFailureTests
{
    [Fact]
    public async Task UnreachableBrokerFailsFastWithHostAndPortButNoPassword()
    {
        int port = FreePort();
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<ClusterException>(() => ClusterExecutor.ConnectAsync($"amqp://user:hunter2@127.0.0.1:{port}/"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }

    [BrokerFact(Timeout = 60_000)]
    public async Task NoWorkerIsReportedThenFailsAfterTheTimeout()
    {
        var log = new List<string>();
        await using var executor = await ClusterExecutor.ConnectAsync(Broker.ForCluster("noworker"), new ClusterOptions
        {
            NoWorkerNotice = TimeSpan.FromSeconds(0.5),
            NoWorkerTimeout = TimeSpan.FromSeconds(2.5),
            Log = line => { lock (log) log.Add(line); },
        });
        var progress = new List<JobProgress>();
        var e = await Assert.ThrowsAsync<ClusterException>(() =>
            ProbeJobs.RunAsync(executor, ProbeJobs.Squares(1), options: new JobOptions { Progress = new SyncProgress<JobProgress>(progress.Add) }));
        Assert.Contains("No worker connected", e.Message);
        Assert.Contains("1 of 1 tasks unfinished", e.Message);
        lock (log) Assert.Contains(log, l => l.Contains("no worker connected; waiting"));
        Assert.All(progress, p => Assert.Equal(0, p.Workers));
        Assert.DoesNotContain("guest:guest", e.Message);
    }

    /// <summary>A job that submits as it reads (predict, knn) does not know its total: the message does not make one up.</summary>
    [BrokerFact(Timeout = 60_000)]
    public async Task NoWorkerForAJobStillSubmittingCountsOnlyWhatWasSent()
    {
        await using var executor = await ClusterExecutor.ConnectAsync(Broker.ForCluster("noworker-streamed"),
            new ClusterOptions { NoWorkerTimeout = TimeSpan.FromSeconds(2.5) });
        await using var job = executor.Start(ProbeJobs.Kind);
        job.Submit(ProbeJobs.Squares(2).ToList());
        var e = await Assert.ThrowsAsync<ClusterException>(async () =>
        {
            await foreach (var _ in job.Results()) { }
        });
        Assert.Contains("tasks unfinished: 2 sent and 0 done so far, the rest not yet sent", e.Message);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>IProgress that reports synchronously (Progress&lt;T&gt; posts to the thread pool, racing the assertions).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value)
    {
        lock (this) report(value);
    }
}
