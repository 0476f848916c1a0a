using System.Numerics.Tensors;
using Scalearn.Linear.Solvers;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// The solvers behind <see cref="Ridge"/>: each minimizes ||y - X w||^2 + alpha ||w||^2 on the centered problem
/// (positive: subject to w >= 0). The direct ones are exact up to rounding; the iterative ones stop by their tol.
/// </summary>
internal static class RidgeSolutions
{
    public static double[] Svd(CenteredProblem problem, double alpha)
    {
        if (alpha == 0) return MinimumNormLeastSquares.Solve(problem.X, problem.Y, problem.Rows, problem.Cols).Coef;
        var svd = new ThinSvd(problem.X, problem.Rows, problem.Cols);
        var uty = svd.UTranspose(problem.Y);
        var coef = new double[problem.Cols];
        for (int j = 0; j < svd.Rank; j++)
        {
            double s = svd.S[j];
            if (s > 0) TensorPrimitives.MultiplyAdd<double>(svd.VColumn(j), s / (s * s + alpha) * uty[j], coef, coef);
        }
        return coef;
    }

    /// <summary>
    /// scikit-learn's _solve_cholesky (or _solve_cholesky_kernel when features outnumber rows), refined with residuals
    /// computed from X; svd when the factorization fails or is too ill-conditioned to be refined.
    /// </summary>
    public static double[] Cholesky(CenteredProblem problem, double alpha)
    {
        int n = problem.Rows, p = problem.Cols;
        var fitted = new double[n];
        if (p > n)
        {
            var kernel = problem.Kernel();
            for (int i = 0; i < n; i++) kernel[i * n + i] += alpha;
            var kernelFactor = PositiveDefiniteSolver.TryFactor(kernel, n);
            if (kernelFactor is null) return Svd(problem, alpha);
            // r = y - (X X^T + alpha I) a
            var dual = kernelFactor.SolveRefined(problem.Y, (a, r) =>
            {
                problem.Predict(problem.XtV(a), fitted);
                for (int i = 0; i < n; i++) r[i] = problem.Y[i] - fitted[i] - alpha * a[i];
            });
            return problem.XtV(dual);
        }
        var gram = problem.Gram();
        for (int j = 0; j < p; j++) gram[j * p + j] += alpha;
        var factor = PositiveDefiniteSolver.TryFactor(gram, p);
        if (factor is null) return Svd(problem, alpha);
        // r = X^T (y - X w) - alpha w
        return factor.SolveRefined(problem.XtY(), (w, r) =>
        {
            problem.Predict(w, fitted);
            for (int i = 0; i < n; i++) fitted[i] = problem.Y[i] - fitted[i];
            problem.XtV(fitted).CopyTo(r, 0);
            TensorPrimitives.MultiplyAdd<double>(w, -alpha, r, r);
        });
    }

    /// <summary>
    /// LSQR (atol = btol = tol, iter_lim = max_iter) on the damped problem with its columns scaled to about unit norm
    /// (w = D^-1 v, rows [X D^-1; sqrt(alpha) D^-1]), so that the iterations and the stopping tests do not depend on the
    /// units of the features; the solution is the same.
    /// </summary>
    public static double[] Lsqr(CenteredProblem problem, double alpha, double tol, int? maxIter)
    {
        var norms = MinimumNormLeastSquares.ColumnNorms(problem.X, problem.Rows, problem.Cols);
        var scale = norms.Select(n => Math.Sqrt(n * n + alpha)).Select(d => d > 0 && double.IsFinite(d) ? Math.ScaleB(1.0, Math.ILogB(d)) : 1.0).ToArray();
        var op = new ScaledDampedDesign(problem, scale, Math.Sqrt(alpha));
        var b = new double[op.Rows];
        problem.Y.CopyTo(b, 0);
        var v = Solvers.Lsqr.Solve(op, b, 0, tol, tol, maxIter).X;
        for (int j = 0; j < v.Length; j++) v[j] /= scale[j];
        return v;
    }

    /// <summary>
    /// Conjugate gradients on X^T X + alpha I with scipy's stopping rule (scikit-learn's _solve_sparse_cg). scikit-learn
    /// switches to the kernel form X X^T + alpha I when features outnumber rows; the feature-space form is kept here
    /// because its diagonal preconditioner makes the iterations independent of the units of the features.
    /// </summary>
    public static double[] SparseCg(CenteredProblem problem, double alpha, double tol, int? maxIter)
    {
        int n = problem.Rows, p = problem.Cols;
        var rowValues = new double[n];
        var diagonal = MinimumNormLeastSquares.ColumnNorms(problem.X, n, p).Select(c => c * c + alpha).ToArray();
        void NormalProduct(ReadOnlySpan<double> v, Span<double> result)
        {
            problem.Predict(v, rowValues);
            result.Clear();
            for (int i = 0; i < n; i++)
                if (rowValues[i] != 0) TensorPrimitives.MultiplyAdd<double>(problem.Row(i), rowValues[i], result, result);
            TensorPrimitives.MultiplyAdd<double>(v, alpha, result, result);
        }
        return ConjugateGradient.Solve(NormalProduct, diagonal, problem.XtY(), tol, maxIter).X;
    }

    /// <summary>scikit-learn's sag_solver with the squared loss on the centered data (max_iter null = 1000).</summary>
    public static double[] Sag(CenteredProblem problem, double alpha, double tol, int? maxIter, bool saga, Rng rng)
    {
        var solver = new StochasticAverageGradient
        {
            Loss = SagLoss.Squared, Alpha = alpha, Saga = saga, FitIntercept = false, Tol = tol, MaxIter = maxIter ?? 1000,
        };
        var weights = Enumerable.Repeat(1.0, problem.Rows).ToArray();
        return solver.Solve(problem.X, problem.Y, weights, problem.Rows, problem.Cols, 1, rng).Weights;
    }

    /// <summary>
    /// The non-negative ridge solution, exactly: non-negative least squares on [X; sqrt(alpha) I] w ~ [y; 0].
    /// scikit-learn approximates the same minimizer with L-BFGS-B to its tol.
    /// </summary>
    public static double[] Positive(CenteredProblem problem, double alpha)
    {
        int n = problem.Rows, p = problem.Cols;
        var augmented = new double[(n + p) * p];
        problem.X.CopyTo(augmented, 0);
        double root = Math.Sqrt(alpha);
        for (int j = 0; j < p; j++) augmented[(n + j) * p + j] = root;
        var target = new double[n + p];
        problem.Y.CopyTo(target, 0);
        return NonNegativeLeastSquares.Solve(augmented, target, n + p, p);
    }

    /// <summary>[X D^-1; sqrt(alpha) D^-1] for diagonal D: the damped design with scaled columns.</summary>
    private sealed class ScaledDampedDesign(CenteredProblem problem, double[] scale, double damp) : ILinearOperator
    {
        private readonly double[] _scaled = new double[problem.Cols];

        public int Rows => problem.Rows + problem.Cols;
        public int Cols => problem.Cols;

        public void Multiply(ReadOnlySpan<double> v, Span<double> result)
        {
            TensorPrimitives.Divide<double>(v, scale, _scaled);
            problem.Predict(_scaled, result[..problem.Rows]);
            TensorPrimitives.Multiply<double>(_scaled, damp, result[problem.Rows..]);
        }

        public void MultiplyTransposed(ReadOnlySpan<double> u, Span<double> result)
        {
            result.Clear();
            for (int i = 0; i < problem.Rows; i++)
                if (u[i] != 0) TensorPrimitives.MultiplyAdd<double>(problem.Row(i), u[i], result, result);
            TensorPrimitives.MultiplyAdd<double>(u[problem.Rows..], damp, result, result);
            TensorPrimitives.Divide<double>(result, scale, result);
        }
    }
}
