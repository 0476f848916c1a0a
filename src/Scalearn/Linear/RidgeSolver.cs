namespace Scalearn.Linear;

/// <summary>Solvers offered by <see cref="Ridge"/>.</summary>
public enum RidgeSolver
{
    /// <summary>Cholesky (the direct solver).</summary>
    Auto,

    /// <summary>Direct: (X^T X + alpha I) w = X^T y, or the kernel form (X X^T + alpha I) a = y when features outnumber rows.</summary>
    Cholesky,

    /// <summary>Iterative L-BFGS on ||y - Xw||^2 + alpha ||w||^2; honours tol and max_iter (for very many features).</summary>
    Lbfgs,
}
