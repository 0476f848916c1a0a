using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection.Asha;

namespace Scalearn.ModelSelection;

/// <summary>
/// Asynchronous successive halving (ASHA) with epochs of partial_fit as the resource: <see cref="NTrials"/> sampled
/// configurations start on <see cref="EpochSearchBase.MinEpochs"/> epochs; whenever a slot is free the best waiting
/// configuration of a rung (top 1/eta of those finished there) continues on eta times more epochs, else a new one starts.
/// Up to <see cref="Parallelism"/> candidates run at once.
/// </summary>
public sealed class AshaSearch(IEstimator estimator, Tuning.SearchSpace space) : EpochSearchBase(estimator, space)
{
    public int NTrials { get; set => field = value >= 1 ? value : throw new ParameterException("n_trials", $"Parameter 'n_trials' must be an integer >= 1; got {value}."); } = 60;

    /// <summary>Candidates in flight at once; default: the executor's slots.</summary>
    public int? Parallelism { get; set; }

    protected override SearchPlan Plan(Dataset data, Folds folds)
    {
        var rungs = Rungs();
        var sampler = NewSampler();
        return new SearchPlan(new AshaSource(sampler, NTrials, rungs, Eta), NTrials, Parallelism ?? (Executor.Slots > 0 ? Executor.Slots : 4))
        {
            Identity = Identity($"n_trials={NTrials}"),
        };
    }
}
