using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Figures;

/// <summary>Optimization history: every trial's score and the best so far, by trial number and by time.</summary>
internal static class HistorySection
{
    public static Section Build(ReportContext c)
    {
        var notes = new List<string>();
        int failed = c.Record.Trials.Count(t => t.State == TrialState.Fail || (t.State == TrialState.Complete && !t.HasScore));
        int pruned = c.Record.Trials.Count(t => t.State == TrialState.Pruned);
        if (failed > 0) notes.Add($"{ReportContext.Count(failed, "failed trial")} without a score not drawn.");
        if (pruned > 0) notes.Add($"{ReportContext.Count(pruned, "pruned trial")} not drawn.");
        if (c.Record.IsHalving) notes.Add("Successive halving: trials are (candidate, rung) evaluations; early rungs score on fewer resources.");
        var byTrial = Figure("history-trial", "By trial", new AxisSpec("trial"), c, c.Scored.Select(t => (t.Number + 0.0, t)).ToList()) with { Notes = notes };
        return new Section("history", "Optimization history", "Each point is one trial's score; the line is the best score so far.",
            [byTrial, ByTime(c)]);
    }

    private static ScatterFigure ByTime(ReportContext c)
    {
        if (c.Record.HasWallClock)
        {
            var timed = c.Scored.Where(t => t.Complete is not null).ToList();
            var origin = c.Record.Trials.Select(t => t.Start ?? t.Complete).Where(t => t is not null).Min() ?? default;
            var points = timed.Select(t => ((t.Complete!.Value - origin).TotalSeconds, t)).OrderBy(p => p.Item1).ToList();
            var figure = Figure("history-time", "By wall time", new AxisSpec("seconds since the search started"), c, points);
            return timed.Count < c.Scored.Count
                ? figure with { Notes = [$"{ReportContext.Count(c.Scored.Count - timed.Count, "scored trial")} without a completion time not drawn."] }
                : figure;
        }
        double elapsed = 0;
        var cumulative = new List<(double, Trial)>();
        foreach (var t in c.Record.Trials.OrderBy(t => t.Number))
        {
            if (double.IsFinite(t.ComputeSeconds)) elapsed += t.ComputeSeconds;
            if (t.HasScore) cumulative.Add((elapsed, t));
        }
        return Figure("history-time", "By compute time", new AxisSpec("cumulative fit + score seconds"), c, cumulative) with
        {
            Notes = ["No trials.csv: the x axis adds up each candidate's fit and score time over its splits in candidate order. It is compute time, not wall-clock time: the search ran fits in parallel."],
        };
    }

    private static ScatterFigure Figure(string id, string title, AxisSpec x, ReportContext c, List<(double X, Trial Trial)> points)
    {
        var best = new List<double[]>(points.Count);
        double top = double.NegativeInfinity;
        int topNumber = -1;
        foreach (var (xValue, trial) in points)
        {
            if (trial.Value > top) { top = trial.Value; topNumber = trial.Number; }
            best.Add([xValue, top, topNumber]);
        }
        return new ScatterFigure(id, title, x, new AxisSpec(c.ScoreLabel), [
            new PointSeries("trial", "points", points.Select(p => new[] { p.X, p.Trial.Value, p.Trial.Number }).ToArray()),
            new PointSeries("best so far", "step", best),
        ]);
    }
}
