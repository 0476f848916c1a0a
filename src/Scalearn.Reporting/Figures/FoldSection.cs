namespace Scalearn.Reporting.Figures;

/// <summary>How much each of the best candidates' scores varied across the cross-validation splits.</summary>
internal static class FoldSection
{
    public static Section? Build(ReportContext c)
    {
        var withSplits = c.Scored.Where(t => t.SplitScores.Count > 0).OrderByDescending(t => t.Value).ThenBy(t => t.Number).ToArray();
        if (withSplits.Length == 0) return null;
        var shown = withSplits.Take(c.Options.FoldCandidates).ToArray();
        var notes = new List<string>();
        if (shown.Length < withSplits.Length) notes.Add($"The {shown.Length} best of {withSplits.Length:N0} scored candidates, best first.");
        if (shown.Any(t => t.TrainScores.Count > 0)) notes.Add("Hollow markers: train scores on the same splits.");
        var figure = new FoldFigure("folds", "Scores per split", c.ScoreLabel.Replace("mean ", "", StringComparison.Ordinal),
            shown.Select(t => new FoldCandidate(t.Number, "#" + t.Number, t.Value, t.SplitScores, t.TrainScores)).ToArray()) { Notes = notes };
        return new Section("folds", "Fold spread", "Each candidate's score on every cross-validation split (dots), their range (bar) and mean (dash): a wide spread means the ranking is uncertain.", [figure]);
    }
}
