namespace Scalearn.ModelSelection;

/// <summary>
/// The cross-validation outcome of one candidate: per scorer and split, test (and optionally train) scores, timings
/// and the fit error of each split (null when the split succeeded; its scores are then the search's error_score).
/// </summary>
public sealed record CandidateScores(
    int Index,
    IReadOnlyDictionary<string, object?> Params,
    IReadOnlyList<string> Scorers,
    double[][] TestScores,
    double[][]? TrainScores,
    double[] FitSeconds,
    double[] ScoreSeconds,
    string?[] SplitErrors)
{
    /// <summary>When the candidate's first fold was submitted and its last fold finished (wall clock, UTC).</summary>
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? Finished { get; init; }

    /// <summary>Successive halving: the rung (cv_results' iter) and its resources (n_resources); null elsewhere.</summary>
    public int? Iter { get; init; }
    public long? NResources { get; init; }

    /// <summary>Epochs of partial_fit trained for this candidate over all its splits (epoch-resource searches).</summary>
    public int EpochsRun { get; init; }

    /// <summary>Mean test score of the first (ranking) scorer.</summary>
    public double MeanTestScore => Stats.Mean(TestScores[0]);

    public double MeanTest(string scorer) => Stats.Mean(TestScores[ScorerIndex(scorer)]);

    /// <summary>The first split's error ("ExceptionType: message"), or null when every split succeeded.</summary>
    public string? Error => SplitErrors.FirstOrDefault(e => e is not null);

    private int ScorerIndex(string scorer)
    {
        for (int i = 0; i < Scorers.Count; i++) if (Scorers[i] == scorer) return i;
        throw new ArgumentException($"Scorer '{scorer}' was not evaluated; evaluated: {string.Join(", ", Scorers)}.", nameof(scorer));
    }
}
