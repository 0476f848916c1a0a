using Scalearn.ModelSelection.Tuning;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Drives a tuner as the Optuna peer scripts drive a study through ask/tell: <c>inFlight</c> trials proposed and not
/// yet told, the oldest finishing first, so both sides see the same order of events.
/// </summary>
internal static class TunerStudy
{
    /// <summary>The best score of a <paramref name="trials"/>-trial study.</summary>
    public static double Best(ITuner tuner, int trials, int inFlight, Func<IReadOnlyDictionary<string, object?>, double> score)
    {
        var running = new Queue<(int Trial, IReadOnlyDictionary<string, object?> Params)>();
        double best = double.NegativeInfinity;
        int next = 0;
        while (next < trials || running.Count > 0)
        {
            while (next < trials && running.Count < inFlight)
            {
                running.Enqueue((next, tuner.Propose(next)!));
                next++;
            }
            var (trial, p) = running.Dequeue();
            double s = score(p);
            best = Math.Max(best, s);
            tuner.Tell(trial, s);
        }
        return best;
    }

    public static double StdError(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1) / v.Length);
    }

    /// <summary>The modes named in the environment variable (comma-separated), or all of <paramref name="all"/>.</summary>
    public static string[] Modes(string variable, params string[] all)
    {
        var chosen = Environment.GetEnvironmentVariable(variable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (chosen is not { Length: > 0 }) return all;
        foreach (var m in chosen)
            if (!all.Contains(m)) throw new ArgumentException($"{variable}: unknown mode '{m}'; known: {string.Join(", ", all)}.");
        return chosen;
    }

    /// <summary>Each mode's mean best, its standard error and (optionally) the best per seed, as JSON fields.</summary>
    public static void Report(Dictionary<string, object?> fields, string mode, double[] bests, bool bySeed)
    {
        fields[$"{mode}_mean_best"] = Math.Round(bests.Average(), 5);
        fields[$"{mode}_std_error"] = Math.Round(StdError(bests), 5);
        if (bySeed) fields[$"{mode}_best_by_seed"] = bests.Select(v => Math.Round(v, 4)).ToArray();
    }
}
