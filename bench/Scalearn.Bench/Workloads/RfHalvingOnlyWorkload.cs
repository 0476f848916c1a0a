using Scalearn.Data;
using Scalearn.ModelSelection;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// The halving half of rf_halving_full alone (no full grid): wall and process CPU seconds, for profiling the many tiny
/// fits of its first rungs.
/// </summary>
public sealed class RfHalvingOnlyWorkload : IWorkload
{
    public string Name => "rf_halving_only";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => Measure(options, null);

    /// <summary>Runs the search (capped at <paramref name="maxResources"/> samples when given) and reports its timings.</summary>
    internal static IReadOnlyDictionary<string, object?> Measure(BenchOptions options, long? maxResources)
    {
        var digits = BundledDatasets.Load("digits");
        var times = new List<(double Wall, double Cpu)>();
        SearchResult? result = null;
        HalvingGridSearch? search = null;
        var warmup = RfHalvingWorkload.WarmUp(digits);
        for (int r = 0; r < options.Repeats; r++)
        {
            search = RfHalvingWorkload.NewSearch();
            if (maxResources is long max) search.MaxResources = max;
            times.Add(RfHalvingWorkload.Timed(() => result = search.Fit(digits)));
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(Median.Of(times.Select(t => t.Wall)), 3),
            ["cpu_seconds"] = Math.Round(Median.Of(times.Select(t => t.Cpu)), 3),
            ["best_score"] = Math.Round(result!.BestScore, 4),
            ["n_candidates"] = search!.CandidatesPerIteration.ToArray(),
            ["n_resources"] = search.ResourcesPerIteration.ToArray(),
            ["warmup_seconds"] = Math.Round(warmup.Wall, 3),
            ["rung_task_seconds"] = RungSeconds(result.CvResults),
            ["runs"] = times.Count,
        };
    }

    /// <summary>Per rung, the fit and score seconds its tasks recorded (where the time goes; wall-clock, so inflated on a loaded machine).</summary>
    private static double[] RungSeconds(CvResults results)
    {
        var iter = results.Numbers("iter");
        var fit = results.Numbers("mean_fit_time");
        var score = results.Numbers("mean_score_time");
        var seconds = new double[(int)iter.Max() + 1];
        for (int i = 0; i < iter.Length; i++) seconds[(int)iter[i]] += (fit[i] + score[i]) * 3;
        return seconds.Select(s => Math.Round(s, 2)).ToArray();
    }
}

/// <summary>
/// The first rung of rf_halving_full alone: all 864 candidates on its 60 samples (the same subsampled folds), the part
/// where fixed per-fit, per-tree and per-task costs dominate.
/// </summary>
public sealed class RfHalvingRung0Workload : IWorkload
{
    public string Name => "rf_halving_rung0";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options) => RfHalvingOnlyWorkload.Measure(options, 60);
}
