using Scalearn.Reporting.Analysis;

namespace Scalearn.Reporting.Figures;

/// <summary>Successive halving: candidates evaluated at each rung and their scores there.</summary>
internal static class RungSection
{
    public static Section? Build(ReportContext c)
    {
        if (!c.Record.IsHalving) return null;
        var rungs = c.Record.Trials.Where(t => t.Iter is not null).GroupBy(t => t.Iter!.Value).OrderBy(g => g.Key).ToArray();
        var labels = rungs.Select(g => Label(g.Key, g.Select(t => t.NResources).FirstOrDefault(r => r is not null))).ToArray();
        var index = rungs.Select((g, i) => (g.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var counts = new BarFigure("rung-candidates", "Candidates per rung", labels, rungs.Select(g => (double)g.Count()).ToArray(), "candidates", "rung");
        var scores = new ScatterFigure("rung-scores", "Scores per rung", new AxisSpec("rung", AxisSpec.Category, labels), new AxisSpec(c.ScoreLabel),
            [new PointSeries("trial", "points", c.Scored.Where(t => t.Iter is not null).Select(t => new[] { index[t.Iter!.Value], t.Value, t.Number }).ToArray())]);
        return new Section("rungs", "Successive halving", "How many candidates each rung kept, and how they scored with that rung's resources.", [counts, scores]);
    }

    private static string Label(int iter, double? resources) =>
        resources is double r ? $"iter {iter} ({ParamLabel.Number(r)})" : $"iter {iter}";
}
