using System.Diagnostics;
using Scalearn.ModelSelection.Tuning;
using Scalearn.ModelSelection.Tuning.Tpe;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// tpe_hartmann: quality at equal budget on a second, 6-parameter problem. For seeds 0..TPE_HARTMANN_SEEDS-1 (default
/// 40), 100 trials maximising the negated Hartmann-6 function (x0..x5 uniform on [0, 1], optimum 3.32237), reporting
/// the mean best (and its standard error) of TPE one trial at a time ("tpe"), TPE with 4 trials in flight ("tpe_liar4",
/// the oldest in flight finishes first) and random search. TPE_HARTMANN_MODES=tpe,tpe_liar4,random runs a subset.
/// Peer: tpe_hartmann_optuna.py (Optuna 3.1, same protocol).
/// </summary>
public sealed class TpeHartmannWorkload : IWorkload
{
    private const int Trials = 100, InFlight = 4;
    private static readonly double[] Alpha = [1.0, 1.2, 3.0, 3.2];
    private static readonly double[,] A =
        { { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 } };
    private static readonly double[,] P =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    public string Name => "tpe_hartmann";

    public static double Hartmann(IReadOnlyDictionary<string, object?> p)
    {
        double sum = 0;
        for (int i = 0; i < 4; i++)
        {
            double inner = 0;
            for (int j = 0; j < 6; j++) inner += A[i, j] * Math.Pow((double)p[$"x{j}"]! - P[i, j], 2);
            sum += Alpha[i] * Math.Exp(-inner);
        }
        return sum;
    }

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        int seeds = int.TryParse(Environment.GetEnvironmentVariable("TPE_HARTMANN_SEEDS"), out int s) && s > 1 ? s : 40;
        var space = SearchSpace.Parse("{" + string.Join(", ", Enumerable.Range(0, 6).Select(j => $"\"x{j}\": {{\"uniform\": [0, 1]}}")) + "}");
        var fields = new Dictionary<string, object?>();
        var clock = Stopwatch.StartNew();
        foreach (var mode in TunerStudy.Modes("TPE_HARTMANN_MODES", "tpe", "tpe_liar4", "random"))
        {
            var bests = Enumerable.Range(0, seeds).Select(seed => mode switch
            {
                "tpe" => TunerStudy.Best(new TpeTuner(space, new TpeOptions { Seed = seed }), Trials, 1, Hartmann),
                "tpe_liar4" => TunerStudy.Best(new TpeTuner(space, new TpeOptions { Seed = seed }), Trials, InFlight, Hartmann),
                _ => TunerStudy.Best(new RandomTuner(space, seed), Trials, 1, Hartmann),
            }).ToArray();
            TunerStudy.Report(fields, mode, bests, bySeed: false);
        }
        fields["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        fields["seeds"] = seeds;
        fields["trials"] = Trials;
        return fields;
    }
}
