using Scalearn.Estimators;
using Scalearn.ModelSelection.Halving;

namespace Scalearn.ModelSelection;

/// <summary>Successive halving over a <see cref="ParamGrid"/> (scikit-learn's HalvingGridSearchCV).</summary>
public sealed class HalvingGridSearch(IEstimator estimator, ParamGrid grid) : HalvingSearchBase(estimator)
{
    public ParamGrid Grid { get; } = grid ?? throw new ArgumentNullException(nameof(grid));

    protected override IReadOnlyList<IReadOnlyDictionary<string, object?>> Candidates(long minResources, long maxResources)
    {
        if (Grid.Count > MaxCandidates) throw new ArgumentException($"The grid has {Grid.Count:N0} candidates; a search holds at most {MaxCandidates:N0}.");
        return Grid.Candidates();
    }

    protected override string CandidatesIdentity => Grid.ToJson();
}
