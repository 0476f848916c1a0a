namespace Scalearn.Reporting.Figures;

/// <summary>Score against each varying parameter, one small chart per parameter, shaded by trial number.</summary>
internal static class SliceSection
{
    public static Section? Build(ReportContext c)
    {
        if (c.Varying.Count == 0 || c.Scored.Count == 0) return null;
        var figures = c.ByImportance.Select(i => c.Varying[i]).Select(axis => (Figure)new ScatterFigure(
            "slice-" + ReportContext.SafeId(axis.Name), axis.Name, AxisSpec.For(axis), new AxisSpec(c.ScoreLabel),
            [new PointSeries("trial", "points", c.Scored.Select(t => new[] { axis.Plot(t.Params.GetValueOrDefault(axis.Name)), t.Value, t.Number }).ToArray(), "trial")]))
            .ToArray();
        return new Section("slices", "Score by parameter", "Each trial's score against each parameter's value (most important first); darker points are later trials.", figures);
    }
}
