

namespace Scalearn.ModelSelection;

/// <summary>Per-split scores and timings of one cross-validation (cross_validate's dict, typed).</summary>
public sealed class CrossValidateResult(CandidateScores scores, Folds folds)
{
    public Folds Folds { get; } = folds;
    public IReadOnlyList<string> Scoring => scores.Scorers;
    public double[] FitTime => scores.FitSeconds;
    public double[] ScoreTime => scores.ScoreSeconds;
    /// <summary>Test scores per split of the first scorer.</summary>
    public double[] TestScore => scores.TestScores[0];
    public double[] Test(string scorer) => scores.TestScores[IndexOf(scorer)];
    public double[]? Train(string scorer) => scores.TrainScores?[IndexOf(scorer)];
    /// <summary>Fit error per split ("ExceptionType: message"), null where the split succeeded.</summary>
    public IReadOnlyList<string?> Errors => scores.SplitErrors;
    public double MeanTestScore => Stats.Mean(TestScore);
    public double StdTestScore => Stats.Std(TestScore);

    private int IndexOf(string scorer)
    {
        for (int i = 0; i < scores.Scorers.Count; i++) if (scores.Scorers[i] == scorer) return i;
        throw new ArgumentException($"Scorer '{scorer}' was not evaluated; evaluated: {string.Join(", ", scores.Scorers)}.", nameof(scorer));
    }
}
