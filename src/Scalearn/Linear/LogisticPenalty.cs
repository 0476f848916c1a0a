namespace Scalearn.Linear;

/// <summary>Penalties of <see cref="LogisticRegression"/> (scikit-learn 1.2 names; none and null both mean no penalty).</summary>
public enum LogisticPenalty
{
    L2,
    L1,
    Elasticnet,
    None,
}
