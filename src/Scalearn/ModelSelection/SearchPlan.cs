using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>
/// What a search evaluates: a tuner, how many candidates it will propose when known (progress totals, up-front
/// validation), how many may be in flight at once, and the candidates to validate before any fit starts.
/// </summary>
public sealed record SearchPlan(ICandidateSource Source, long? Count = null, int? Parallelism = null)
{
    public SearchPlan(ITuner tuner, long? count = null, int? parallelism = null) : this(new TunerSource(tuner), count, parallelism) { }

    /// <summary>What the search's candidates are (its grid, distributions, space, halving settings), for its journal's identity.</summary>
    public string Identity { get; init; } = "";

    /// <summary>Candidates whose names and values are all checked before the first fit (a bad value fails at once).</summary>
    public IEnumerable<IReadOnlyDictionary<string, object?>> Validate { get; init; } = [];
}
