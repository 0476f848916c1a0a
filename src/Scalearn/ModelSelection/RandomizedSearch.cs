using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>Search over <see cref="Distributions"/> sampled with <see cref="SearchBase.Seed"/> (scikit-learn's RandomizedSearchCV).</summary>
public sealed class RandomizedSearch : SearchBase
{
    public RandomizedSearch(IEstimator estimator, ParamDistributions distributions, int nIter = 10) : base(estimator)
    {
        Distributions = distributions ?? throw new ArgumentNullException(nameof(distributions));
        NIter = nIter >= 1 ? nIter : throw new ParameterException("n_iter", $"Parameter 'n_iter' must be an integer >= 1; got {nIter}.");
    }

    public ParamDistributions Distributions { get; }
    public int NIter { get; }

    protected override SearchPlan Plan(Scalearn.Data.Dataset data, Folds folds)
    {
        if (NIter > MaxCandidates)
            throw new ParameterException("n_iter", $"Parameter 'n_iter' is {NIter:N0}; a search holds at most {MaxCandidates:N0} candidates in its cv_results.");
        var candidates = Distributions.Sample(NIter, Seed);
        return PlanOf(candidates, candidates.Count, $"random:{NIter}:" + Distributions.ToJson());
    }
}
