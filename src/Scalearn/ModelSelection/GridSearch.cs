using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>Exhaustive search over a <see cref="ParamGrid"/> (scikit-learn's GridSearchCV).</summary>
public sealed class GridSearch(IEstimator estimator, ParamGrid grid) : SearchBase(estimator)
{
    public ParamGrid Grid { get; } = grid ?? throw new ArgumentNullException(nameof(grid));

    protected override Task GenerateAsync(CandidateEvaluator evaluate, CancellationToken ct) => evaluate(Grid.Candidates(), ct);
}
