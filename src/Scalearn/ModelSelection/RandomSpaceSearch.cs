using Scalearn.Estimators;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>Random sampling of a <see cref="SearchSpace"/> (conditional parameters included), with the adaptive searches' budgets.</summary>
public sealed class RandomSpaceSearch(IEstimator estimator, SearchSpace space) : AdaptiveSearchBase(estimator, space)
{
    protected override ITuner CreateTuner() => new RandomTuner(Space, Seed);

    protected override string TunerIdentity => "random";
}
