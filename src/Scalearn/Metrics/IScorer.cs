using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Metrics;

/// <summary>Scores a fitted model on labelled data; greater is better (losses are negated, as in scikit-learn).</summary>
public interface IScorer
{
    string Name { get; }
    double Score(IModel model, DataView data);

    /// <summary>The estimators this scorer judges; <see cref="TaskChecks"/> refuses a mismatch before any fit.</summary>
    ScorerKind Kind => ScorerKind.Any;

    /// <summary>The target types this scorer accepts (scikit-learn's type_of_target names).</summary>
    IReadOnlyList<TargetType> Targets => Scorer.AnyTarget;
}
