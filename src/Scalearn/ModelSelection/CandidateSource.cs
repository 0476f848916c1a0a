using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>
/// One candidate to cross-validate: its parameters and, for successive halving, the folds of its rung (a subsample) and
/// the rung's number and resources (cv_results' <c>iter</c> and <c>n_resources</c>).
/// </summary>
public sealed record CandidateRequest(IReadOnlyDictionary<string, object?> Params, Folds? Folds = null, int? Iter = null, long? NResources = null)
{
    /// <summary>Epochs as the resource: train the configuration <see cref="EpochRequest.Lineage"/> from one epoch count to another.</summary>
    public EpochRequest? Epochs { get; init; }
}

/// <summary>Train configuration <paramref name="Lineage"/> (the same for all its rungs) from <paramref name="From"/> to <paramref name="To"/> epochs.</summary>
public sealed record EpochRequest(int From, int To, long Lineage);

/// <summary>
/// What a search evaluates next: asked whenever there is room for a candidate in flight, told when one finishes. Tuners
/// (<see cref="ITuner"/>) plug in through <see cref="TunerSource"/>; successive halving is a source of its own.
/// </summary>
public interface ICandidateSource
{
    /// <summary>Candidate number <paramref name="trial"/>, or null when there is none until more results arrive (or ever: <see cref="Exhausted"/>).</summary>
    CandidateRequest? Next(int trial);

    void Finished(CandidateScores scores);

    bool Exhausted { get; }
}

/// <summary>A tuner's proposals as candidates on the search's folds.</summary>
public sealed class TunerSource(ITuner tuner) : ICandidateSource
{
    public ITuner Tuner { get; } = tuner;

    public CandidateRequest? Next(int trial) => Tuner.Propose(trial) is { } p ? new CandidateRequest(p) : null;

    public void Finished(CandidateScores scores) => Tuner.Tell(scores.Index, scores.MeanTestScore);

    public bool Exhausted => Tuner.Exhausted;
}
