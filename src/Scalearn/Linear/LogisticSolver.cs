namespace Scalearn.Linear;

/// <summary>
/// Optimizers of <see cref="LogisticRegression"/>, as scikit-learn 1.2 names them. All but liblinear minimize
/// sum_i s_i loss_i + penalty(C); liblinear penalizes the intercept too (it is a feature of value intercept_scaling).
/// </summary>
public enum LogisticSolver
{
    /// <summary>L-BFGS (l2 or none).</summary>
    Lbfgs,

    /// <summary>LIBLINEAR's objective, one-vs-rest: Newton for l2 (dual=True reaches the same optimum), proximal Newton (newGLMNET) for l1.</summary>
    Liblinear,

    /// <summary>Newton with conjugate-gradient steps (l2 or none).</summary>
    NewtonCg,

    /// <summary>Newton with Cholesky steps on the explicit Hessian (l2 or none; binary and one-vs-rest).</summary>
    NewtonCholesky,

    /// <summary>Stochastic average gradient (l2 or none).</summary>
    Sag,

    /// <summary>SAGA (l1, l2, elasticnet or none).</summary>
    Saga,
}
