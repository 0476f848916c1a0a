using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>Exhaustive search over a <see cref="ParamGrid"/> (scikit-learn's GridSearchCV).</summary>
public sealed class GridSearch(IEstimator estimator, ParamGrid grid) : SearchBase(estimator)
{
    public ParamGrid Grid { get; } = grid ?? throw new ArgumentNullException(nameof(grid));

    protected override SearchPlan Plan(Scalearn.Data.Dataset data, Folds folds)
    {
        long count = Grid.Count;
        if (count == 0) throw new ArgumentException("The parameter grid yields no candidate.");
        return PlanOf(Grid.Enumerate(), count, "grid:" + Grid.ToJson(), Grid.Probes());
    }
}
