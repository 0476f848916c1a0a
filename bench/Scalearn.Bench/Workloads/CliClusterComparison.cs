using System.Globalization;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// A `scalearn` command run locally and with --cluster on 2 local worker processes (this machine's cores split
/// between them), alternately. The first run of each is reported apart ("cold": workers just started, nothing cached,
/// as a user's first job meets them); the medians of the repeats after it are the steady state long-lived workers give.
/// Reports medians of wall and driver CPU seconds, the workers' CPU seconds, and cluster / local.
/// </summary>
internal static class CliClusterComparison
{
    private const int Workers = 2;

    /// <param name="args">The command's arguments for an output path.</param>
    /// <param name="check">Checks an output (throws when it is wrong) before it is deleted.</param>
    public static IReadOnlyDictionary<string, object?> Run(BenchOptions options, string workload, string extension,
        Func<string, string[]> args, Action<string> check) => RunAsync(options, workload, extension, args, check).GetAwaiter().GetResult();

    private static async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchOptions options, string workload, string extension,
        Func<string, string[]> args, Action<string> check)
    {
        string cli = ScalearnCommand.Build();
        string broker = ClusterBench.Broker(options, workload);
        int slots = Math.Max(1, Environment.ProcessorCount / Workers);
        var workers = await ClusterBench.StartWorkersAsync(broker, Workers, slots, cli);
        var local = new List<CliRun>();
        var cluster = new List<CliRun>();
        var workerCpu = new List<double>();
        CliRun? coldLocal = null, coldCluster = null;
        try
        {
            CliRun Once(bool onCluster)
            {
                string output = Path.Combine(Path.GetTempPath(), $"scalearn-bench-{workload}-{Guid.NewGuid():N}{extension}");
                try
                {
                    var run = CliProcess.Run(cli, onCluster ? [.. args(output), "--cluster", broker] : args(output));
                    check(output);
                    return run;
                }
                finally
                {
                    if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
                    else File.Delete(output);
                }
            }
            coldLocal = Once(false);
            coldCluster = Once(true);
            for (int r = 0; r < Math.Max(1, options.Repeats); r++)
            {
                local.Add(Once(false));
                double before = workers.Sum(w => CpuSeconds(w.ProcessId));
                cluster.Add(Once(true));
                workerCpu.Add(workers.Sum(w => CpuSeconds(w.ProcessId)) - before);
            }
        }
        finally
        {
            await ClusterBench.StopAsync(workers);
        }
        double l = Median.Of(local.Select(r => r.Seconds)), c = Median.Of(cluster.Select(r => r.Seconds));
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(c, 3),
            ["local_seconds"] = Math.Round(l, 3),
            ["cluster_seconds"] = Math.Round(c, 3),
            ["ratio"] = Math.Round(c / l, 3),
            ["local_cpu_seconds"] = Math.Round(Median.Of(local.Select(r => r.CpuSeconds)), 3),
            ["cluster_driver_cpu_seconds"] = Math.Round(Median.Of(cluster.Select(r => r.CpuSeconds)), 3),
            ["cluster_workers_cpu_seconds"] = Math.Round(Median.Of(workerCpu), 3),
            ["local_peak_rss_mb"] = Median.Of(local.Select(r => r.PeakRssMb)),
            ["cluster_driver_peak_rss_mb"] = Median.Of(cluster.Select(r => r.PeakRssMb)),
            ["local_runs"] = local.Select(r => Math.Round(r.Seconds, 3)).ToArray(),
            ["cluster_runs"] = cluster.Select(r => Math.Round(r.Seconds, 3)).ToArray(),
            ["cold_local_seconds"] = Math.Round(coldLocal!.Seconds, 3),
            ["cold_cluster_seconds"] = Math.Round(coldCluster!.Seconds, 3),
            ["cold_ratio"] = Math.Round(coldCluster.Seconds / coldLocal.Seconds, 3),
            ["workers"] = Workers,
            ["slots_per_worker"] = slots,
        };
    }

    /// <summary>User + system CPU seconds a process has used so far (/proc/PID/stat, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ", utime and stime are the 12th and 13th fields.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
