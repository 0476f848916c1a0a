using System.Diagnostics;
using Scalearn.Cluster.Worker;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;
using Scalearn.Tests;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>Workers report themselves live only while they consume; a dead driver's work and queue do not outlive it for long.</summary>
public sealed class LivenessTests
{
    [RestartableBrokerFact(Timeout = 120_000)]
    public async Task AWorkerStartedBeforeItsBrokerUserExistsServesOnceTheUserAppears()
    {
        string cluster = "late-" + Guid.NewGuid().ToString("N")[..8];
        string user = "user-" + cluster, password = "pw-" + Guid.NewGuid().ToString("N")[..8];
        var guest = ClusterAddress.Parse(Broker.Uri!);
        string workerUri = $"amqp://{user}:{password}@{guest.Host}:{guest.Port}/?cluster={cluster}";
        await using var worker = new WorkerProcessHandle(LocalWorkerProcess.Start(workerUri, 1, "late", verbose: true, extraArgs: ["--no-warmup"]));
        await using var executor = await ClusterExecutor.ConnectAsync($"{Broker.Uri}?cluster={cluster}");
        try
        {
            await Task.Delay(4000);
            Assert.DoesNotContain("serving cluster", worker.Process.Output);
            Assert.Contains("reconnecting in", worker.Process.Output);
            Assert.Equal(0, executor.Workers.Snapshot().Workers);   // no heartbeat from a worker that cannot consume

            await RabbitMq.CtlAsync("add_user", user, password);
            await RabbitMq.CtlAsync("set_permissions", "-p", "/", user, ".*", ".*", ".*");

            var data = TestData.Load("iris");
            var search = new GridSearch(new GaussianNB(), ParamGrid.Parse("""{"var_smoothing":[1e-9,1e-3]}""")) { Executor = executor, Refit = false };
            var result = await search.FitAsync(data);
            Assert.Equal(2, result.CvResults.Count);
            Assert.Contains("serving cluster", worker.Process.Output);
        }
        finally
        {
            await RabbitMq.CtlAsync("delete_user", user);
        }
    }

    [BrokerFact(Timeout = 60_000)]
    public async Task AWorkerWhoseSupervisorClosesItsInputStops()
    {
        // What a test host or benchmark that dies leaves behind: the pipe to its workers' input closes.
        await using var workers = await WorkerProcesses.StartAsync(Broker.ForCluster("orphan"), 1, "orphan");
        var worker = workers.Workers[0];

        worker.CloseInput();

        var clock = Stopwatch.StartNew();
        while (!worker.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        Assert.True(worker.HasExited, "the worker kept running after its input closed\n" + worker.Output);
        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("standard input closed: stopping", worker.Output);
    }

    [RestartableBrokerFact(Timeout = 240_000)]
    public async Task AKilledDriversTasksStopOnWorkersWithinTheLeaseAndItsQueueGoes()
    {
        string broker = Broker.ForCluster("killed");
        string cluster = ClusterAddress.Parse(broker).Cluster;
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "killed");
        // A driver process running a search that would take many minutes.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { LocalWorkerProcess.FindCli(), "tune", "--data", "digits", "--estimator", "random-forest-classifier",
                     "--grid", """{"n_estimators":[200000]}""", "--cv", "2", "--cluster", broker, "--out", Path.Combine(Path.GetTempPath(), cluster) })
            start.ArgumentList.Add(arg);
        using var driver = Process.Start(start)!;
        try
        {
            await workers.WaitForOutputAsync(o => o.Contains("starting"), TimeSpan.FromSeconds(60));
            Assert.Contains(await RabbitMq.QueuesAsync(), q => q.StartsWith(cluster + ".driver."));
            driver.Kill();
            var clock = Stopwatch.StartNew();
            await workers.WaitForOutputAsync(o => o.Contains("stopped renewing its lease"), TimeSpan.FromSeconds(30));
            var stopped = clock.Elapsed;
            Assert.True(stopped < TimeSpan.FromSeconds(12), $"the worker stopped the dead driver's task after {stopped}\n{workers.Output}");

            while ((await RabbitMq.QueuesAsync()).Any(q => q.StartsWith(cluster + ".driver.")))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(40), "the dead driver's reply queue is still there");
                await Task.Delay(1000);
            }
        }
        finally
        {
            if (!driver.HasExited) driver.Kill();
        }
    }

    private sealed class WorkerProcessHandle(LocalWorkerProcess process) : IAsyncDisposable
    {
        public LocalWorkerProcess Process { get; } = process;
        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}

/// <summary>rabbitmqctl for the test node (scripts/with-rabbitmq.sh sets SCALEARN_TEST_RABBITMQCTL).</summary>
internal static class RabbitMq
{
    public static async Task<string> CtlAsync(params string[] args)
    {
        var parts = (Environment.GetEnvironmentVariable("SCALEARN_TEST_RABBITMQCTL") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo(parts[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var p in parts.Skip(1).Concat(args)) start.ArgumentList.Add(p);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"rabbitmqctl {string.Join(' ', args)} failed: {await stderr}");
        return stdout;
    }

    public static async Task<string[]> QueuesAsync() =>
        (await CtlAsync("list_queues", "-q", "--no-table-headers", "name")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
