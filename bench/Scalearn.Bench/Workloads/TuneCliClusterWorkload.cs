using System.Diagnostics;
using Scalearn.Cluster.Worker;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// The README's digits search through the `scalearn` command as a user runs it (./scalearn's build, with its
/// ReadyToRun start-up code): on this machine's cores, on two
/// worker processes started 3 s before (cold), and on the same workers once they have served a job (warm). Process
/// start, connection, dispatch and refit are all inside the timings; medians of --repeats runs each.
/// </summary>
public sealed class TuneCliClusterWorkload : IWorkload
{
    private const string Grid = """{"n_estimators":[40,80],"max_features":["sqrt",10],"max_depth":[null,10],"criterion":["gini","entropy"]}""";
    private const int Workers = 2;

    public string Name => "tune_cli_cluster";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RunAsync(options).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options)
    {
        string cli = ScalearnCommand.Build();
        int repeats = Math.Max(1, options.Repeats);
        string broker = ClusterBench.Broker(options, "tune_cli_cluster");
        int slots = Math.Max(1, Environment.ProcessorCount / Workers);
        await Tune(cli, null);   // file caches warm for both sides

        var local = new List<double>();
        var cold = new List<double>();
        var warm = new List<double>();
        for (int r = 0; r < repeats; r++)
        {
            local.Add(await Tune(cli, null));
            // Cold: fresh workers, started 3 s before the command.
            string coldBroker = ClusterBench.Broker(options, "tune_cli_cluster");
            var fresh = Enumerable.Range(0, Workers).Select(i => LocalWorkerProcess.Start(coldBroker, slots, $"cold-{r}-{i}", cliDll: cli)).ToList();
            await Task.Delay(3000);
            cold.Add(await Tune(cli, coldBroker));
            await ClusterBench.StopAsync(fresh);
        }
        var workers = await ClusterBench.StartWorkersAsync(broker, Workers, slots, cli);
        try
        {
            await Tune(cli, broker);   // the workers serve one job first
            for (int r = 0; r < repeats; r++) warm.Add(await Tune(cli, broker));
        }
        finally
        {
            await ClusterBench.StopAsync(workers);
        }
        double l = Median.Of(local), c = Median.Of(cold), w = Median.Of(warm);
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(w, 3),
            ["local_seconds"] = Math.Round(l, 3),
            ["cold_cluster_seconds"] = Math.Round(c, 3),
            ["warm_cluster_seconds"] = Math.Round(w, 3),
            ["warm_ratio"] = Math.Round(w / l, 3),
            ["cold_ratio"] = Math.Round(c / l, 3),
            ["local_runs"] = local.Select(x => Math.Round(x, 3)).ToArray(),
            ["cold_runs"] = cold.Select(x => Math.Round(x, 3)).ToArray(),
            ["warm_runs"] = warm.Select(x => Math.Round(x, 3)).ToArray(),
            ["workers"] = Workers,
            ["slots_per_worker"] = slots,
        };
    }

    /// <summary>Wall time of one `scalearn tune` process; throws with its output when it fails.</summary>
    private static async Task<double> Tune(string cli, string? broker)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string output = Path.Combine(Path.GetTempPath(), "scalearn-bench-tune-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var arg in new[] { cli, "tune", "--data", "digits", "--estimator", "random-forest-classifier", "--cv", "3", "--grid", Grid, "--out", output })
            start.ArgumentList.Add(arg);
        if (broker is not null)
        {
            start.ArgumentList.Add("--cluster");
            start.ArgumentList.Add(broker);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        double seconds = clock.Elapsed.TotalSeconds;
        try { Directory.Delete(output, recursive: true); } catch (IOException) { }
        if (process.ExitCode != 0) throw new InvalidOperationException($"scalearn tune failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return seconds;
    }
}
