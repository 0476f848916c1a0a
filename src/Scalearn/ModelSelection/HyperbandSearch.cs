using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection.Asha;

namespace Scalearn.ModelSelection;

/// <summary>Hyperband with epochs of partial_fit as the resource: every bracket of successive halving from s_max down to 0.</summary>
public sealed class HyperbandSearch(IEstimator estimator, Tuning.SearchSpace space) : EpochSearchBase(estimator, space)
{
    protected override SearchPlan Plan(Dataset data, Folds folds)
    {
        var rungs = Rungs();
        int configurations = HyperbandSource.TotalConfigurations(rungs.Length, Eta);
        return new SearchPlan(new HyperbandSource(NewSampler(), rungs, Eta), configurations)
        {
            Identity = Identity("hyperband"),
        };
    }
}
