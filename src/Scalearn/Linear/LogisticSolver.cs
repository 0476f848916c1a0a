namespace Scalearn.Linear;

/// <summary>Optimizers of <see cref="LogisticRegression"/>; only L-BFGS is implemented.</summary>
public enum LogisticSolver
{
    Lbfgs,
}
