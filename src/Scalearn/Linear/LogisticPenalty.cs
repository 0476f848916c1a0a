namespace Scalearn.Linear;

/// <summary>Penalties supported by <see cref="LogisticRegression"/> with the lbfgs solver.</summary>
public enum LogisticPenalty
{
    L2,
    None,
}
