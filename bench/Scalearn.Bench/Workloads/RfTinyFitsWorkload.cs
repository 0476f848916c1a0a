using System.Runtime.InteropServices;
using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Trees;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// The fits of the halving rungs without the search machinery: every candidate of the full digits grid fitted on the
/// calling thread on 40 and 120 training rows (the first two rungs' fold sizes) and scored on 20 others, timed in this
/// thread's CPU seconds (getrusage), which a loaded machine disturbs far less than wall-clock time. Reports CPU per fit
/// and per tree: what a tiny forest pays that does not scale with its rows.
/// </summary>
public sealed class RfTinyFitsWorkload : IWorkload
{
    public string Name => "rf_tiny_fits";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = BundledDatasets.Load("digits");
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Rng(0).Shuffle(order.AsSpan());
        var candidates = (
            from depth in new int?[] { 3, null }
            from features in new[] { 1, 3, 10 }
            from split in new[] { 2, 3, 10 }
            from leaf in new[] { 1, 3, 10 }
            from bootstrap in new[] { true, false }
            from criterion in new[] { ClassificationCriterion.Gini, ClassificationCriterion.Entropy }
            from trees in new[] { 10, 20, 40, 80 }
            select new RandomForestClassifier
            {
                MaxDepth = depth, MaxFeatures = MaxFeatures.Of(features), MinSamplesSplit = split, MinSamplesLeaf = leaf,
                Bootstrap = bootstrap, Criterion = criterion, NEstimators = trees, RandomState = 0, NJobs = 1,
            }).ToArray();
        long treesPerPass = candidates.Sum(c => (long)c.NEstimators);
        var test = data.Rows(order[^20..]);
        var result = new Dictionary<string, object?>();
        double checksum = 0;
        foreach (int rows in new[] { 40, 120 })
        {
            var train = data.Rows(order[..rows]);
            foreach (var c in candidates.Take(48)) ((IPredictor)c.Fit(train)).Score(test);   // JIT warm-up
            var cpu = new List<double>();
            for (int r = 0; r < options.Repeats; r++)
            {
                double start = ThreadCpu.Seconds();
                foreach (var c in candidates) checksum += ((IPredictor)c.Fit(train)).Score(test);
                cpu.Add(ThreadCpu.Seconds() - start);
            }
            double seconds = Median.Of(cpu);
            result[$"cpu_seconds_{rows}"] = Math.Round(seconds, 3);
            result[$"us_per_fit_{rows}"] = Math.Round(seconds / candidates.Length * 1e6, 1);
            result[$"us_per_tree_{rows}"] = Math.Round(seconds / treesPerPass * 1e6, 2);
        }
        result["checksum"] = Math.Round(checksum, 6);
        result["runs"] = options.Repeats;
        return result;
    }
}

/// <summary>CPU seconds used so far by the calling thread (Linux getrusage(RUSAGE_THREAD)).</summary>
internal static class ThreadCpu
{
    [StructLayout(LayoutKind.Sequential)]
    private struct Usage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        public long M0, M1, M2, M3, M4, M5, M6, M7, M8, M9, M10, M11, M12, M13;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Usage usage);

    public static double Seconds()
    {
        if (GetRusage(1, out var u) != 0) throw new InvalidOperationException("getrusage(RUSAGE_THREAD) failed.");
        return u.UserSeconds + u.SystemSeconds + (u.UserMicros + u.SystemMicros) / 1e6;
    }
}
