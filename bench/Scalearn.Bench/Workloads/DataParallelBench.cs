using System.Diagnostics;
using Scalearn.Cluster;
using Scalearn.Cluster.Worker;
using Scalearn.Execution;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Shared by the data-parallel workloads: timing a fit on this machine's executor and, with --cluster, on 2 local worker
/// processes of 1 slot each (the same 2 cores), after untimed warm-up fits that ship the partitions and compile the code.
/// </summary>
internal static class DataParallelBench
{
    public const int WarmUpRuns = 2;

    /// <summary>The median wall-clock and process CPU seconds of <paramref name="repeats"/> runs (CPU seconds are what
    /// compares on a loaded machine), with the last run's result.</summary>
    public static Timed<T> Median<T>(int repeats, Func<T> run)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        T result = default!;
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < repeats; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            result = run();
            times.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuStart).TotalSeconds);
        }
        return new Timed<T>(Workloads.Median.Of(times), result, Workloads.Median.Of(cpu));
    }

    public readonly record struct Timed<T>(double Seconds, T Result, double CpuSeconds)
    {
        public void Deconstruct(out double seconds, out T result) => (seconds, result) = (Seconds, Result);
    }

    /// <summary>Runs <paramref name="fit"/> on two worker processes; null without --cluster.</summary>
    public static async Task<(double Seconds, T Result, IReadOnlyDictionary<string, long> BytesByWorker)?> OnClusterAsync<T>(
        BenchOptions options, string workload, int repeats, Func<ITaskExecutor, T> fit)
    {
        if (options.Cluster is null) return null;
        string broker = ClusterBench.Broker(options, workload);
        var workers = await ClusterBench.StartWorkersAsync(broker, 2, 1);
        try
        {
            await using var cluster = await ClusterExecutor.ConnectAsync(broker);
            for (int w = 0; w < WarmUpRuns; w++) fit(cluster);
            var (seconds, result) = Median(repeats, () => fit(cluster));
            return (seconds, result, cluster.Statistics.BlobBytesByWorker);
        }
        finally
        {
            await ClusterBench.StopAsync(workers);
        }
    }

    public static double MaxAbsDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
