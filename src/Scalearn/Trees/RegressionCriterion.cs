namespace Scalearn.Trees;

/// <summary>Impurity measure of regression trees (scikit-learn's criterion).</summary>
public enum RegressionCriterion
{
    SquaredError,
    FriedmanMse,
    AbsoluteError,
    Poisson,
}
