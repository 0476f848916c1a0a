namespace Scalearn.Reporting.Figures;

/// <summary>Cost against benefit: each trial's fit time (or duration) against its score.</summary>
internal static class FitTimeSection
{
    public static Section? Build(ReportContext c)
    {
        var fit = c.Scored.Where(t => double.IsFinite(t.FitSeconds)).ToArray();
        (string Label, Func<Model.Trial, double> Time, Model.Trial[] Trials) source = fit.Length > 0
            ? ("mean fit time per split (s)", t => t.FitSeconds, fit)
            : ("trial duration (s)", t => t.Duration ?? double.NaN, c.Scored.Where(t => t.Duration is not null).ToArray());
        if (source.Trials.Length == 0) return null;
        var figure = new ScatterFigure("fit-time", "Fit time and score", AxisSpec.ForNumbers(source.Label, source.Trials.Select(source.Time)),
            new AxisSpec(c.ScoreLabel), [new PointSeries("trial", "points", source.Trials.Select(t => new[] { source.Time(t), t.Value, t.Number }).ToArray())]);
        return new Section("fit-time", "Fit time against score", "Cheap and good candidates sit top left.", [figure]);
    }
}
