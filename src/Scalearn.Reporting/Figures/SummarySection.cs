using System.Globalization;
using Scalearn.Reporting.Analysis;
using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Figures;

/// <summary>The header's facts: how many trials, the best one, how long it all took.</summary>
internal static class SummarySection
{
    public static IReadOnlyList<SummaryItem> Build(ReportContext c)
    {
        var r = c.Record;
        var items = new List<SummaryItem>();
        if (r.Status is not null) items.Add(new SummaryItem("Status", r.Status, r.Description));
        if (r.Trials.Count > 0)
        {
            int complete = c.Scored.Count, failed = r.Trials.Count(t => t.State == TrialState.Fail), pruned = r.Trials.Count(t => t.State == TrialState.Pruned);
            int running = r.Trials.Count(t => t.State == TrialState.Running);
            var detail = new List<string> { $"{complete:N0} scored" };
            if (running > 0) detail.Add($"{running:N0} running");
            if (failed > 0) detail.Add($"{failed:N0} failed");
            if (pruned > 0) detail.Add($"{pruned:N0} pruned");
            items.Add(new SummaryItem("Trials", r.Trials.Count.ToString("N0", CultureInfo.InvariantCulture), string.Join(", ", detail)));
            if (c.Scored.Count > 0)
            {
                var best = c.Scored.OrderByDescending(t => t.Value).ThenBy(t => t.Number).First();
                items.Add(new SummaryItem($"Best {c.ScoreLabel}", Format(best.Value), $"trial #{best.Number}"));
                items.Add(new SummaryItem("Best parameters", best.Params.Count == 0 ? "defaults" : string.Join(", ", best.Params.Select(p => $"{p.Key}={ParamLabel.Of(p.Value)}"))));
            }
            if (r.SplitCount > 0) items.Add(new SummaryItem("Splits", r.SplitCount.ToString(CultureInfo.InvariantCulture), "cross-validation folds per candidate"));
            double compute = r.Trials.Select(t => t.ComputeSeconds).Where(double.IsFinite).Sum();
            if (compute > 0) items.Add(new SummaryItem("Compute time", Duration(compute), "fits and scoring, summed over splits"));
            if (r.HasWallClock)
            {
                var start = r.Trials.Select(t => t.Start ?? t.Complete).Where(t => t is not null).Min()!.Value;
                var end = r.Trials.Select(t => t.Complete ?? t.Start).Where(t => t is not null).Max()!.Value;
                items.Add(new SummaryItem("Wall time", Duration((end - start).TotalSeconds), $"from {start.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
            }
        }
        if (r.Groups.Count > 0)
        {
            var scores = r.Groups.Where(g => g.Succeeded).Select(g => g.Score).Order().ToArray();
            items.Add(new SummaryItem("Groups", r.Groups.Count.ToString("N0", CultureInfo.InvariantCulture), $"{r.Groups.Count - scores.Length:N0} without a score"));
            if (scores.Length > 0)
            {
                items.Add(new SummaryItem("Median group score", Format(scores[scores.Length / 2])));
                items.Add(new SummaryItem("Worst group score", Format(scores[0])));
            }
        }
        return items;
    }

    public static string Format(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Duration(double seconds) => seconds switch
    {
        < 60 => $"{seconds.ToString("0.#", CultureInfo.InvariantCulture)} s",
        < 3600 => $"{(int)(seconds / 60)} min {(int)(seconds % 60)} s",
        _ => $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60)} min",
    };
}
