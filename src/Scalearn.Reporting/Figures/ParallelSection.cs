namespace Scalearn.Reporting.Figures;

/// <summary>Parallel coordinates: one line per trial through its parameter values to its score.</summary>
internal static class ParallelSection
{
    public static Section? Build(ReportContext c)
    {
        if (c.Varying.Count == 0 || c.Scored.Count == 0) return null;
        var axes = c.ByImportance.Select(i => c.Varying[i]).ToArray();
        var ranked = c.Scored.OrderByDescending(t => t.Value).ThenBy(t => t.Number).ToArray();
        var shown = Decimate(ranked, c.Options.MaxParallelLines);
        var lines = shown.Select(t => axes.Select(a => a.Plot(t.Params.GetValueOrDefault(a.Name))).Append(t.Value).Append(t.Number).ToArray()).ToArray();
        var notes = shown.Count < ranked.Length
            ? new[] { $"Showing {shown.Count:N0} of {ranked.Length:N0} scored trials, evenly spread over the score ranking (the best and the worst included), so the page stays fast." }
            : [];
        var figure = new ParallelFigure("parallel", "Parallel coordinates", axes.Select(AxisSpec.For).Append(new AxisSpec(c.ScoreLabel)).ToArray(), lines) { Notes = notes };
        return new Section("parallel", "Parallel coordinates", "Follow a line from each parameter's value to the trial's score; color shows the score.", [figure]);
    }

    /// <summary>At most <paramref name="max"/> items taken at even steps through the ranking, first and last always in.</summary>
    public static IReadOnlyList<T> Decimate<T>(IReadOnlyList<T> ranked, int max)
    {
        if (ranked.Count <= max) return ranked;
        if (max < 2) return ranked.Take(max).ToArray();
        return Enumerable.Range(0, max).Select(i => ranked[(int)Math.Round(i * (ranked.Count - 1.0) / (max - 1))]).ToArray();
    }
}
