using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>
/// A search driven by a tuner over a <see cref="SearchSpace"/>: keeps <see cref="Parallelism"/> candidates in flight and
/// proposes a new one the moment one finishes, within the budgets <see cref="NTrials"/>, <see cref="Timeout"/> and
/// <see cref="EarlyStop"/>. Every candidate's CV folds run in parallel as separate tasks.
/// </summary>
public abstract class AdaptiveSearchBase(IEstimator estimator, SearchSpace space) : SearchBase(estimator)
{
    public SearchSpace Space { get; } = space ?? throw new ArgumentNullException(nameof(space));

    public int NTrials { get; set => field = value >= 1 ? value : throw new ParameterException("n_trials", $"Parameter 'n_trials' must be an integer >= 1; got {value}."); } = 100;

    /// <summary>No new candidate after this long (candidates in flight still finish); null = no limit.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Stop after this many finished candidates without a better score; null = never.</summary>
    public int? EarlyStop { get; set; }

    /// <summary>Candidates in flight at once; default: the executor's slots.</summary>
    public int? Parallelism { get; set => field = value is null or >= 1 ? value : throw new ParameterException("parallelism", $"Parallelism must be at least 1; got {value}."); }

    protected override SearchBudget Budget => new(NTrials, Timeout, EarlyStop);

    protected abstract ITuner CreateTuner();

    protected abstract string TunerIdentity { get; }

    protected override SearchPlan Plan(Dataset data, Folds folds)
    {
        Budget.Validate();
        return new SearchPlan(CreateTuner(), NTrials, Parallelism ?? (Executor.Slots > 0 ? Executor.Slots : 4))
        {
            Identity = $"{TunerIdentity}:n_trials={NTrials}:space={Space}",
        };
    }
}
