using System.Diagnostics;
using Scalearn.ModelSelection.Tuning;
using Scalearn.ModelSelection.Tuning.Tpe;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// tpe_overhead: milliseconds TpeTuner takes to propose the 1,000th trial of a 1,000-trial sequential study on a
/// 10-parameter space (4 reals, 2 of them log-scaled; 3 integers, 1 log-scaled; 3 categorical), every earlier trial
/// told a cheap synthetic score. Also the median and the minimum over trials 990-999 (on a loaded machine the minimum
/// is the least disturbed measurement). Peer: tpe_overhead_optuna.py (Optuna 3.1).
/// </summary>
public sealed class TpeOverheadWorkload : IWorkload
{
    public const string Space = """
        {"a": {"uniform": [-5, 5]}, "b": {"uniform": [0, 1]}, "c": {"loguniform": [0.001, 1000]}, "d": {"loguniform": [1e-6, 1]},
         "e": {"randint": [1, 100]}, "f": {"randint": [-20, 21]}, "g": {"lograndint": [1, 10000]},
         "h": ["x", "y", "z"], "i": [true, false], "j": ["p", "q", "r", "s", "t"]}
        """;

    private const int Trials = 1000;

    public string Name => "tpe_overhead";

    /// <summary>The same synthetic objective as the peer script.</summary>
    public static double Score(IReadOnlyDictionary<string, object?> p) =>
        -Math.Pow((double)p["a"]! - 1, 2) - Math.Pow((double)p["b"]! - 0.3, 2) - Math.Pow(Math.Log10((double)p["c"]!) - 1, 2)
        - Math.Pow(Math.Log10((double)p["d"]!) + 3, 2) - Math.Pow(((long)p["e"]! - 40) / 30.0, 2) - Math.Pow((long)p["f"]! / 10.0, 2)
        - Math.Pow(Math.Log10((long)p["g"]!) - 2, 2) + (p["h"] is "y" ? 0.5 : 0) + (p["i"] is true ? 0.2 : 0) + (p["j"] is "r" ? 0.3 : 0);

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var space = SearchSpace.Parse(Space);
        var runs = new List<(double Last, double Median, double Min)>();
        for (int r = 0; r < options.Repeats; r++)
        {
            var tuner = new TpeTuner(space, new TpeOptions { Seed = r });
            var last = new List<double>();
            for (int t = 0; t < Trials; t++)
            {
                var clock = Stopwatch.StartNew();
                var p = tuner.Propose(t)!;
                double ms = clock.Elapsed.TotalMilliseconds;
                if (t >= Trials - 10) last.Add(ms);
                tuner.Tell(t, Score(p));
            }
            runs.Add((last[^1], Median.Of(last), last.Min()));
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(runs.Sum(r => r.Last) / 1000, 4),
            ["propose_1000th_ms"] = Math.Round(Median.Of(runs.Select(r => r.Last)), 3),
            ["median_last10_ms"] = Math.Round(Median.Of(runs.Select(r => r.Median)), 3),
            ["min_last10_ms"] = Math.Round(runs.Min(r => r.Min), 3),
            ["trials"] = Trials,
            ["parameters"] = space.Count,
            ["runs"] = runs.Count,
        };
    }
}
