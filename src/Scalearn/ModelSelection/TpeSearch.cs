using Scalearn.Estimators;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>Tree-structured Parzen estimator search (Optuna's TPE, with a constant liar for candidates in flight).</summary>
public sealed class TpeSearch(IEstimator estimator, SearchSpace space) : AdaptiveSearchBase(estimator, space)
{
    /// <summary>TPE's settings (Optuna's defaults); its seed is always the search's <see cref="SearchBase.Seed"/>.</summary>
    public Tuning.Tpe.TpeOptions? Options { get; set; }

    protected override ITuner CreateTuner() => new Tuning.Tpe.TpeTuner(Space, (Options ?? new Tuning.Tpe.TpeOptions()) with { Seed = Seed });

    protected override string TunerIdentity => $"tpe:{Options}";
}
