using Scalearn.Cluster.Driver;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>
/// Anyone with broker credentials can publish: forged and malformed results and heartbeats are dropped (results must
/// belong to a task in flight and fit it; with a cluster key, everything unsigned is dropped), never crashing a search.
/// </summary>
public sealed class TrustTests
{
    private const string Key = "a-cluster-key-for-the-tests";

    [BrokerFact(Timeout = 60_000)]
    public Task MalformedAndMisfittingResultsAreDroppedWithoutAKey() => ForgeResultsAsync(key: null);

    [BrokerFact(Timeout = 60_000)]
    public Task UnsignedResultsAndHeartbeatsAreDroppedWithAKey() => ForgeResultsAsync(Key);

    private static async Task ForgeResultsAsync(string? key)
    {
        ProbeJobs.Register();
        string broker = Broker.ForCluster(key is null ? "forge" : "signed");
        var address = ClusterAddress.Parse(broker);
        await using var worker = new InProcessWorker(broker, configure: o => o with { ClusterKey = key });
        var log = new List<string>();
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { ClusterKey = key, Log = l => { lock (log) log.Add(l); } });
        var progress = new List<JobProgress>();
        await using var job = executor.Start(ProbeJobs.Kind, null, new JobOptions { Progress = new SyncProgress<JobProgress>(progress.Add) });
        // Long enough that the tasks the forgeries name are still in flight when they arrive (a result for a finished
        // task is counted as a duplicate, not as a dropped message).
        var tasks = Enumerable.Range(0, 6).Select(i => new ProbeTask(i, i + 1, SleepMs: 1500)).ToList();
        job.Submit(tasks);
        job.Complete();
        var jobId = ((IClusterJob)job).Id;
        // Forge once the tasks are in flight (results for tasks not sent yet are only counted as strays).
        for (int i = 0; i < 200 && job.Progress.InFlight == 0; i++) await Task.Delay(20);
        var kind = ProbeJobs.Kind;

        var forged = new List<byte[]>
        {
            RawPublisher.Envelope("ResultMessage", """{"body":"AAECAw==","mac":null}"""),                                   // garbage body
            Result(new ResultEnvelope(jobId, "forger", [new ResultItem(new TaskKey(0), [], null, 0)])),                      // empty result payload
            Result(new ResultEnvelope(jobId, "forger", [new ResultItem(new TaskKey(1), kind.EncodeResult(new ProbeResult(2, 4, "x", -1)), null, 0)])), // another task's result
            Result(new ResultEnvelope(jobId, "forger", [new ResultItem(new TaskKey(99), kind.EncodeResult(new ProbeResult(99, 1, "x", -1)), null, 0)])), // unknown key
            Result(new ResultEnvelope(Guid.NewGuid(), "forger", [new ResultItem(new TaskKey(0), kind.EncodeResult(new ProbeResult(0, 7, "x", -1)), null, 0)])), // unknown job
            RawPublisher.Envelope("HeartbeatMessage", """{"body":"////","mac":null}"""),
        };
        if (key is not null)
        {
            // Well formed and fitting its task, but unsigned: only the key tells it apart.
            forged.Add(Result(new ResultEnvelope(jobId, "forger", [new ResultItem(new TaskKey(2), kind.EncodeResult(new ProbeResult(2, 1234, "forger", -1)), null, 0)])));
            forged.Add(Beat(new Heartbeat("ghost", Guid.NewGuid(), "ghost.queue", 64, 0, 0, WireLimits.Now, [])));
        }
        await RawPublisher.PublishAsync(address, executor.ReplyQueue, "", forged);

        var outcomes = new List<TaskOutcome<ProbeTask, ProbeResult>>();
        await foreach (var o in job.Results()) outcomes.Add(o);

        Assert.Equal(tasks.Select(t => t.Value * t.Value), outcomes.OrderBy(o => o.Task.Id).Select(o => o.Result.Square));
        Assert.All(outcomes, o => Assert.False(o.Failed));
        Assert.All(outcomes, o => Assert.NotEqual("forger", o.Worker));
        Assert.True(executor.Statistics.DroppedMessages >= 3, $"dropped {executor.Statistics.DroppedMessages}");
        if (key is not null) Assert.All(progress, p => Assert.True(p.Workers <= 1, "a forged heartbeat was counted"));
        lock (log) Assert.Contains(log, l => l.Contains("dropped"));
        Assert.True(worker.IsRunning);
    }

    [BrokerFact(Timeout = 60_000)]
    public async Task AWorkerWithAKeyIgnoresADriverWithoutIt()
    {
        ProbeJobs.Register();
        string broker = Broker.ForCluster("keyed");
        await using var worker = new InProcessWorker(broker, configure: o => o with { ClusterKey = Key });
        await using var stranger = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { StallTimeout = TimeSpan.FromMinutes(5) });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProbeJobs.RunAsync(stranger, ProbeJobs.Squares(2), ct: cts.Token));

        await using var member = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { ClusterKey = Key });
        var outcomes = await ProbeJobs.RunAsync(member, ProbeJobs.Squares(3));
        Assert.Equal([0L, 1, 4], outcomes.Select(o => o.Result.Square).Order());
    }

    private static byte[] Result(ResultEnvelope envelope) =>
        RawPublisher.Envelope("ResultMessage", $$"""{"body":"{{Convert.ToBase64String(envelope.Encode())}}","mac":null}""");

    private static byte[] Beat(Heartbeat beat) =>
        RawPublisher.Envelope("HeartbeatMessage", $$"""{"body":"{{Convert.ToBase64String(beat.Encode())}}","mac":null}""");
}
