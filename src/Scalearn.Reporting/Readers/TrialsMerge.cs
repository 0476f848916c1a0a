using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>
/// Joins trials.csv onto cv_results trials by number: the timing, state and rung come from trials.csv, the scores
/// per split from cv_results. Trials only trials.csv knows (pruned or failed before scoring) are added as they are.
/// </summary>
public static class TrialsMerge
{
    public static IReadOnlyList<Trial> Merge(IReadOnlyList<Trial> scored, IReadOnlyList<Trial> timed)
    {
        var byNumber = timed.ToDictionary(t => t.Number);
        var merged = new List<Trial>(Math.Max(scored.Count, timed.Count));
        foreach (var trial in scored)
        {
            if (!byNumber.Remove(trial.Number, out var time)) { merged.Add(trial); continue; }
            merged.Add(trial with
            {
                State = trial.State == TrialState.Complete ? time.State : trial.State,
                Start = time.Start,
                Complete = time.Complete,
                Duration = time.Duration,
                Iter = trial.Iter ?? time.Iter,
                NResources = trial.NResources ?? time.NResources,
            });
        }
        merged.AddRange(byNumber.Values);
        merged.Sort((a, b) => a.Number.CompareTo(b.Number));
        return merged;
    }
}
