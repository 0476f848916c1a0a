using Scalearn.Reporting.Analysis;

namespace Scalearn.Reporting.Figures;

/// <summary>The best candidates as a table the reader can sort by any column.</summary>
internal static class TopTableSection
{
    public static Section? Build(ReportContext c)
    {
        if (c.Record.Trials.Count == 0) return null;
        var ranked = c.Record.Trials.OrderByDescending(t => t.HasScore).ThenByDescending(t => t.HasScore ? t.Value : 0).ThenBy(t => t.Number).ToArray();
        var shown = ranked.Take(c.Options.TopRows).ToArray();
        var names = c.ByImportance.Select(i => c.Varying[i].Name).Concat(c.Fixed.Select(a => a.Name)).ToArray();
        bool splits = shown.Any(t => t.SplitScores.Count > 0), fit = shown.Any(t => double.IsFinite(t.FitSeconds));
        bool halving = c.Record.IsHalving, duration = shown.Any(t => t.Duration is not null);
        var columns = new List<TableColumn> { new("rank", "rank", true), new("trial", "trial", true), new("score", c.ScoreLabel, true) };
        if (splits) columns.Add(new("std", "std", true));
        columns.AddRange(names.Select(n => new TableColumn("param_" + n, n, c.Varying.Concat(c.Fixed).First(a => a.Name == n).Scale != ParamScale.Categorical)));
        if (fit) columns.Add(new("fit", "fit s", true));
        if (duration) columns.Add(new("duration", "duration s", true));
        if (halving) { columns.Add(new("iter", "rung", true)); columns.Add(new("n_resources", "resources", true)); }
        columns.Add(new("state", "state", false));
        var rows = shown.Select((t, i) =>
        {
            var row = new List<object?> { t.HasScore ? i + 1 : null, t.Number, t.HasScore ? t.Value : null };
            if (splits) row.Add(t.SplitScores.Count > 1 ? Std(t.SplitScores) : null);
            row.AddRange(names.Select(n => Cell(t.Params.GetValueOrDefault(n), t.Params.ContainsKey(n))));
            if (fit) row.Add(double.IsFinite(t.FitSeconds) ? t.FitSeconds : null);
            if (duration) row.Add(t.Duration);
            if (halving) { row.Add(t.Iter); row.Add(t.NResources); }
            row.Add(t.Error is null ? t.State.ToString().ToUpperInvariant() : $"{t.State.ToString().ToUpperInvariant()}: {t.Error}");
            return row.ToArray();
        }).ToArray();
        var table = new DataTable("top-table", columns, rows)
        {
            Notes = shown.Length < ranked.Length ? [$"The {shown.Length:N0} best of {ranked.Length:N0} trials. Click a column header to sort."] : ["Click a column header to sort."],
        };
        return new Section("top", "Top candidates", "The best trials by score, with their parameters.", []) { Table = table };
    }

    private static object? Cell(object? value, bool present) => !present ? null : value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => ParamLabel.Of(value),
    };

    private static double Std(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
