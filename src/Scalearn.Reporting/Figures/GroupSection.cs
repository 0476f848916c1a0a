using System.Globalization;
using Scalearn.Reporting.Analysis;

namespace Scalearn.Reporting.Figures;

/// <summary>fit-groups: the distribution of the per-group scores, the worst groups, and a table of all of them (failures first).</summary>
internal static class GroupSection
{
    public static Section? Build(ReportContext c)
    {
        var groups = c.Record.Groups;
        if (groups.Count == 0) return null;
        var ok = groups.Where(g => g.Succeeded).OrderBy(g => g.Score).ThenBy(g => g.Group, StringComparer.Ordinal).ToArray();
        var figures = new List<Figure>();
        if (ok.Length > 0)
        {
            figures.Add(Histogram(ok.Select(g => g.Score).ToArray()) with
            {
                Notes = ok.Length < groups.Count ? [$"{ReportContext.Count(groups.Count - ok.Length, "group")} without a score (failed or skipped) not counted."] : [],
            });
            var worst = ok.Take(c.Options.WorstGroups).ToArray();
            figures.Add(new BarFigure("worst-groups", $"The {worst.Length} worst groups", worst.Select(g => g.Group).ToArray(), worst.Select(g => g.Score).ToArray(),
                "score", "group", Horizontal: true)
            {
                Details = worst.Select(g => $"{g.Rows:N0} rows, fitted in {g.FitSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s").ToArray(),
            });
        }
        var rows = groups.Where(g => !g.Succeeded).Concat(ok).Take(c.Options.GroupRows)
            .Select(g => new object?[] { g.Group, g.Rows, Finite(g.Score), Finite(g.FitSeconds), g.Status, g.Error ?? "", string.Join(", ", g.Params.Select(p => $"{p.Key}={ParamLabel.Of(p.Value)}")) })
            .ToArray();
        var table = new DataTable("groups-table", [
            new("group", "group", false), new("rows", "rows", true), new("score", "score", true), new("fit_seconds", "fit s", true),
            new("status", "status", false), new("error", "error", false), new("params", "params", false),
        ], rows)
        {
            Notes = rows.Length < groups.Count ? [$"The first {rows.Length:N0} of {groups.Count:N0} groups: failures, then the lowest scores."] : [],
        };
        return new Section("groups", "Per-group models", $"{ReportContext.Count(groups.Count, "group")}, {ok.Length:N0} scored: how the per-group scores are spread, and which groups did worst.", figures) { Table = table };
    }

    private static object? Finite(double v) => double.IsFinite(v) ? v : null;

    private static BarFigure Histogram(double[] scores)
    {
        int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(scores.Length)), 1, 40);
        double min = scores.Min(), max = scores.Max();
        if (max == min) bins = 1;
        double width = bins == 1 ? 0 : (max - min) / bins;
        var counts = new double[bins];
        foreach (var s in scores) counts[bins == 1 ? 0 : Math.Min(bins - 1, (int)((s - min) / width))]++;
        var labels = Enumerable.Range(0, bins).Select(i => bins == 1 ? ParamLabel.Number(min)
            : $"{ParamLabel.Number(min + i * width)} to {ParamLabel.Number(min + (i + 1) * width)}").ToArray();
        return new BarFigure("group-scores", "Distribution of group scores", labels, counts, "groups", "score");
    }
}
