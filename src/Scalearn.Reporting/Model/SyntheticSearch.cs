using Scalearn.Numerics;

namespace Scalearn.Reporting.Model;

/// <summary>
/// A made-up random search of any size, for benchmarks, tests and demos of the report: a log-scaled C, a gamma, a
/// categorical kernel, an integer degree and a parameter that does not matter, scored with 5-fold noise; about one
/// trial in 50 fails. The score depends mostly on C, then kernel, then gamma, so importances are known.
/// </summary>
public static class SyntheticSearch
{
    public static SearchRecord Create(int trials, int seed = 0, int splits = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trials, 1);
        var rng = new Rng(seed);
        string[] kernels = ["rbf", "linear", "poly"];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        double clock = 0;
        var list = new Trial[trials];
        for (int i = 0; i < trials; i++)
        {
            double logC = -3 + 6 * rng.NextDouble(), gamma = rng.NextDouble();
            string kernel = kernels[(int)(rng.NextDouble() * kernels.Length)];
            long degree = 2 + (long)(rng.NextDouble() * 4);
            double tol = Math.Pow(10, -5 + 3 * rng.NextDouble());
            double mean = 0.95 - 0.04 * (logC - 1) * (logC - 1) / 4 - (kernel == "rbf" ? 0 : kernel == "linear" ? 0.03 : 0.06) - 0.02 * Math.Abs(gamma - 0.3);
            var scores = Enumerable.Range(0, splits).Select(_ => mean + 0.01 * (rng.NextDouble() - 0.5)).ToArray();
            bool failed = rng.NextDouble() < 0.02;
            double fit = 0.05 + 0.2 * Math.Exp(logC / 2) * (kernel == "poly" ? degree / 2.0 : 1) * (0.8 + 0.4 * rng.NextDouble());
            var begin = start.AddSeconds(clock / 2);
            clock += fit * splits;
            list[i] = new Trial
            {
                Number = i,
                State = failed ? TrialState.Fail : TrialState.Complete,
                Value = failed ? double.NaN : scores.Average(),
                Params = new Dictionary<string, object?> { ["C"] = Math.Pow(10, logC), ["gamma"] = gamma, ["kernel"] = kernel, ["degree"] = degree, ["tol"] = tol },
                SplitScores = failed ? Enumerable.Repeat(double.NaN, splits).ToArray() : scores,
                FitSeconds = fit,
                ScoreSeconds = fit / 10,
                Start = begin,
                Complete = start.AddSeconds(clock / 2),
                Duration = fit * splits,
                Error = failed ? "ValueError: synthetic failure" : null,
            };
        }
        return new SearchRecord { Source = $"synthetic search of {trials} trials", Trials = list, Scorers = ["score"] };
    }
}
