namespace Scalearn.Linear;

/// <summary>Penalties supported by <see cref="LogisticRegression"/> with the lbfgs solver.</summary>
public enum LogisticPenalty
{
    L2,
    None,
}

/// <summary>scikit-learn's multi_class: auto = ovr for binary problems, multinomial otherwise.</summary>
public enum MultiClass
{
    Auto,
    Ovr,
    Multinomial,
}

/// <summary>Optimizers of <see cref="LogisticRegression"/>; only L-BFGS is implemented.</summary>
public enum LogisticSolver
{
    Lbfgs,
}
