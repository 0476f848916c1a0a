namespace Scalearn.Reporting.Model;

/// <summary>
/// One evaluated candidate: its parameters, its score on the report's scorer and whatever else the source knows.
/// For a halving search each (candidate, rung) evaluation is one trial. Unknown numbers are NaN, unknown times null.
/// </summary>
public sealed record Trial
{
    /// <summary>0-based position in the source (the cv_results row, or Optuna's trial number).</summary>
    public required int Number { get; init; }
    public TrialState State { get; init; } = TrialState.Complete;
    /// <summary>Mean test score on the report's scorer (greater is better, scikit-learn's convention); NaN when failed.</summary>
    public double Value { get; init; } = double.NaN;
    public required IReadOnlyDictionary<string, object?> Params { get; init; }
    /// <summary>Test score of each cross-validation split; empty when the source has none.</summary>
    public IReadOnlyList<double> SplitScores { get; init; } = [];
    public IReadOnlyList<double> TrainScores { get; init; } = [];
    /// <summary>Mean seconds per fit and per scoring (over the splits).</summary>
    public double FitSeconds { get; init; } = double.NaN;
    public double ScoreSeconds { get; init; } = double.NaN;
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? Complete { get; init; }
    /// <summary>Wall-clock seconds the trial took (trials.csv's duration).</summary>
    public double? Duration { get; init; }
    /// <summary>Successive-halving rung and the resources it used.</summary>
    public int? Iter { get; init; }
    public double? NResources { get; init; }
    public string? Error { get; init; }

    public bool HasScore => State == TrialState.Complete && double.IsFinite(Value);

    /// <summary>Compute time the trial used: fits and scoring summed over its splits (NaN when unknown).</summary>
    public double ComputeSeconds => (FitSeconds + (double.IsNaN(ScoreSeconds) ? 0 : ScoreSeconds)) * Math.Max(1, SplitScores.Count);
}
