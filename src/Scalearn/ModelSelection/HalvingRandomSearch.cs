using Scalearn.Estimators;
using Scalearn.ModelSelection.Halving;

namespace Scalearn.ModelSelection;

/// <summary>Successive halving over candidates sampled from <see cref="Distributions"/> (scikit-learn's HalvingRandomSearchCV).</summary>
/// <remarks>min_resources defaults to "smallest", as in scikit-learn (n_candidates="exhaust" needs a fixed first rung).</remarks>
public sealed class HalvingRandomSearch(IEstimator estimator, ParamDistributions distributions) : HalvingSearchBase(estimator, "smallest")
{
    public ParamDistributions Distributions { get; } = distributions ?? throw new ArgumentNullException(nameof(distributions));

    /// <summary>Candidates of the first rung: "exhaust" (max_resources // min_resources) or a positive count.</summary>
    public HalvingAmount NCandidates { get; set; } = "exhaust";

    protected override IReadOnlyList<IReadOnlyDictionary<string, object?>> Candidates(long minResources, long maxResources)
    {
        NCandidates.Check("n_candidates", "exhaust");
        if (NCandidates.Is("exhaust") && MinResources.Is("exhaust"))
            throw new ParameterException("n_candidates", "n_candidates and min_resources cannot be both set to 'exhaust'.");
        long count = NCandidates.Is("exhaust") ? maxResources / minResources : NCandidates.Count;
        if (count > MaxCandidates) throw new ParameterException("n_candidates", $"{count:N0} candidates exceed the {MaxCandidates:N0} a search holds.");
        return Distributions.Sample((int)count, Seed);
    }

    protected override string CandidatesIdentity => $"{NCandidates}:{Distributions.ToJson()}";
}
