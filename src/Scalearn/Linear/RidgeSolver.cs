namespace Scalearn.Linear;

/// <summary>Solvers of <see cref="Ridge"/>, as scikit-learn 1.2 names them.</summary>
public enum RidgeSolver
{
    /// <summary>lbfgs when positive=True, otherwise cholesky (scikit-learn's rule for dense data).</summary>
    Auto,

    /// <summary>The singular value decomposition of X: w = V diag(s / (s^2 + alpha)) U^T y.</summary>
    Svd,

    /// <summary>(X^T X + alpha I) w = X^T y by Cholesky, or the kernel form when features outnumber rows; svd when ill-conditioned.</summary>
    Cholesky,

    /// <summary>Iterative LSQR on the damped least-squares problem (tol, max_iter).</summary>
    Lsqr,

    /// <summary>Conjugate gradients on the normal equations (tol, max_iter).</summary>
    SparseCg,

    /// <summary>Stochastic average gradient (tol, max_iter, random_state).</summary>
    Sag,

    /// <summary>SAGA, the unbiased variant of SAG (tol, max_iter, random_state).</summary>
    Saga,

    /// <summary>Only with positive=True: the non-negative ridge solution.</summary>
    Lbfgs,
}
