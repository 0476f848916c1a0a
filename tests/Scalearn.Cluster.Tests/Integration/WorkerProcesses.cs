using System.Diagnostics;
using Scalearn.Cluster.Worker;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>`scalearn worker` processes for one test, stopped (and their output kept for failure messages) on dispose.</summary>
internal sealed class WorkerProcesses : IAsyncDisposable
{
    private WorkerProcesses(IReadOnlyList<LocalWorkerProcess> workers) => Workers = workers;

    public IReadOnlyList<LocalWorkerProcess> Workers { get; }

    public string Output => string.Join("\n", Workers.Select(w => $"--- {w.Name} ---\n{w.Output}"));

    /// <summary>The test plugin (a task kind and an estimator Scalearn does not know), as `--plugin` arguments.</summary>
    public static string[] Plugin => ["--plugin", typeof(Scalearn.TestPlugin.ProbeKind).Assembly.Location];

    /// <summary>Starts <paramref name="count"/> verbose single-slot workers and waits until each says it is serving.</summary>
    public static async Task<WorkerProcesses> StartAsync(string broker, int count, string prefix, params string[] extraArgs)
    {
        var workers = new WorkerProcesses(Enumerable.Range(0, count)
            .Select(i => LocalWorkerProcess.Start(broker, 1, $"{prefix}-{i}", verbose: true, extraArgs: ["--no-warmup", .. extraArgs])).ToList());
        var clock = Stopwatch.StartNew();
        while (!workers.Workers.All(w => w.Output.Contains("serving cluster")))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30) || workers.Workers.Any(w => w.HasExited))
            {
                string output = workers.Output;
                await workers.DisposeAsync();
                throw new InvalidOperationException("Worker processes did not start:\n" + output);
            }
            await Task.Delay(100);
        }
        return workers;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the workers' output.</summary>
    public async Task WaitForOutputAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(Output))
        {
            if (clock.Elapsed > timeout) throw new TimeoutException("Worker output never matched:\n" + Output);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers) await worker.DisposeAsync();
    }
}
