using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>Small shared inputs travel inside the task messages on real workers: no blob request for them, same results, same placement.</summary>
public sealed class InlineInputClusterTests
{
    [BrokerFact(Timeout = 90_000)]
    public async Task SmallPerTaskInputsTravelInTheMessagesAndALargeSharedInputIsFetchedOncePerWorker()
    {
        string broker = Broker.ForCluster("inline");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "inline", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var shared = new BytesBlob(Enumerable.Range(0, 5_000_000).Select(i => (byte)(i * 13)).ToArray());   // two chunks
        var own = Enumerable.Range(0, 40).Select(i => new BytesBlob(Enumerable.Range(0, 300 + i).Select(j => (byte)(i * 7 + j)).ToArray())).ToList();
        var tasks = own.Select((input, i) => new ProbeTask(i, i - 3, SleepMs: 10, Input: input.Id, Shared: shared.Id)).ToList();
        IBlob[] inputs = [shared, .. own];

        var local = await ProbeJobs.RunAsync(new LocalExecutor(2), tasks, inputs);
        var remote = await ProbeJobs.RunAsync(executor, tasks, inputs);

        Assert.All(remote, o => Assert.Null(o.Error));
        Assert.Equal(local.Select(o => (o.Result.Id, o.Result.Square, o.Result.InputLength)).Order(),
            remote.Select(o => (o.Result.Id, o.Result.Square, o.Result.InputLength)).Order());
        var statistics = executor.Statistics;
        // No worker asked for a task's own input: each fetched the shared one, once, and nothing else.
        Assert.NotEmpty(statistics.BlobBytesByWorker);
        Assert.All(statistics.BlobBytesByWorker.Values, bytes => Assert.Equal(shared.Length, bytes));
        // Each task's own input went inline with its task (each sent once), the shared one never.
        Assert.Equal(own.Count, statistics.InlineInputs);
        Assert.Equal(own.Sum(b => b.Length), statistics.InlineInputBytes);
        Assert.Contains("Decoded inline input", workers.Output);
    }

    /// <summary>
    /// A message of many tasks with small inputs of their own carries no more of them inline than a worker accepts
    /// (<see cref="WireLimits.MaxInlineInputsPerMessage"/>); the others are fetched.
    /// </summary>
    [BrokerFact(Timeout = 120_000)]
    public async Task AMessageOfManyTasksCarriesNoMoreInlineInputsThanAWorkerAccepts()
    {
        string broker = Broker.ForCluster("inline-many");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "inline-many", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { MaxTasksPerMessage = WireLimits.MaxTasksPerMessage });
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); executor.Slots < 1; await Task.Delay(50))
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the driver never saw the worker\n" + workers.Output);
        // Two inputs of a few bytes per task; with one slot the first message takes half the tasks: more inputs than fit.
        int count = WireLimits.MaxInlineInputsPerMessage / 2 * 2 + 2;
        var inputs = Enumerable.Range(0, 2 * count).Select(i => new BytesBlob(BitConverter.GetBytes(i))).ToList();
        var tasks = Enumerable.Range(0, count).Select(i => new ProbeTask(i, i, Input: inputs[2 * i].Id, Shared: inputs[2 * i + 1].Id)).ToList();

        var outcomes = await ProbeJobs.RunAsync(executor, tasks, inputs);

        Assert.Equal(count, outcomes.Count);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.All(outcomes, o => Assert.Equal(8, o.Result.InputLength));
        Assert.DoesNotContain("malformed", workers.Output, StringComparison.OrdinalIgnoreCase);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task SpreadInputsThatCameInlineStayOnTheWorkerThatRanThem()
    {
        string broker = Broker.ForCluster("inline-spread");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "inline-spread", WorkerProcesses.Plugin);
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); executor.Slots < 2; await Task.Delay(50))
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the driver never saw both workers\n" + workers.Output);
        var partitions = Enumerable.Range(0, 6).Select(i => new BytesBlob(Enumerable.Repeat((byte)i, 2_000).ToArray())).ToList();

        async Task<Dictionary<string, string>> RoundAsync(int round)
        {
            await using var job = executor.Start(new SpreadProbeKind(), partitions);
            job.Submit(partitions.Select((p, i) => new ProbeTask(round * 100 + i, i, SleepMs: 20, Input: p.Id)).ToList());
            job.Complete();
            var ranOn = new Dictionary<string, string>();
            await foreach (var o in job.Results())
            {
                Assert.Null(o.Error);
                Assert.Equal(2_000, o.Result.InputLength);
                ranOn[o.Task.Input!] = o.Worker;
            }
            return ranOn;
        }

        var first = await RoundAsync(0);
        Assert.Equal([3, 3], first.Values.GroupBy(w => w).Select(g => g.Count()));
        // Later rounds (a data-parallel fit's iterations) find each partition where it ran, though none was fetched.
        for (int round = 1; round <= 3; round++) Assert.Equal(first, await RoundAsync(round));
        Assert.Empty(executor.Statistics.BlobBytesByWorker);
        // Each partition travelled once, with the first round; the later rounds' messages went to its holder without it.
        Assert.Equal(partitions.Count, executor.Statistics.InlineInputs);
    }
}
