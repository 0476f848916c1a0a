using System.Numerics.Tensors;
using Scalearn.Linear.Solvers;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Newton's method on a <see cref="LogisticObjective"/> with a backtracking (Armijo) line search. The step solves
/// H d = -g either by conjugate gradients on Hessian-vector products (scikit-learn's newton-cg: inner tolerance
/// min(0.5, sqrt(|g|_1)) |g|_1, at most 200 inner iterations) or by a Cholesky factorization of the explicit Hessian
/// (newton-cholesky, binary problems). Newton's iterates do not change under a rescaling of the features, so the
/// iteration count does not depend on their units.
/// </summary>
internal static class LogisticNewton
{
    public sealed record Result(double[] W, int Iterations, bool Converged);

    /// <summary>Stops when max |g| &lt;= tol (scikit-learn's _newton_cg).</summary>
    public static Result ConjugateGradient(LogisticObjective objective, double[] start, double tol, int maxIter, int verbose) =>
        Minimize(objective, start, maxIter, verbose, "newton-cg", tol, (g, _, _) => MaxAbs(g) <= tol, g => InnerConjugateGradient(objective, g));

    /// <summary>
    /// Stops when max |g| &lt;= tol sum(s) and the Newton decrement d^T H d / 2 &lt;= tol sum(s): scikit-learn 1.2's
    /// NewtonCholeskySolver tests both on the objective divided by the sum of sample weights.
    /// </summary>
    public static Result Cholesky(LogisticObjective objective, double[] start, double tol, int maxIter, int verbose, double weightSum) =>
        Minimize(objective, start, maxIter, verbose, "newton-cholesky", tol * weightSum,
            (g, d, hd) => MaxAbs(g) <= tol * weightSum && d is not null && 0.5 * TensorPrimitives.Dot<double>(d, hd!) <= tol * weightSum,
            g => CholeskyStep(objective, g));

    /// <summary>
    /// LIBLINEAR's trust-region Newton stopping rule for its primal L2 logistic solver: ||g|| &lt;= eps max(min(pos, neg), 1) / l ||g(w0)||.
    /// </summary>
    public static Result Liblinear(LogisticObjective objective, double[] start, double tol, int maxIter, int verbose, int positives, int negatives)
    {
        var g0 = new double[objective.ParameterCount];
        objective.Evaluate(new double[objective.ParameterCount], g0);
        double threshold = tol * Math.Max(Math.Min(positives, negatives), 1) / objective.Rows * TensorPrimitives.Norm<double>(g0);
        return Minimize(objective, start, maxIter, verbose, "liblinear", threshold / Math.Sqrt(g0.Length),
            (g, _, _) => TensorPrimitives.Norm<double>(g) <= threshold, g => CholeskyStep(objective, g));
    }

    private delegate bool Converged(double[] gradient, double[]? step, double[]? hessianStep);

    /// <param name="fallbackTolerance">The largest gradient component at which L-BFGS stops when the Hessian cannot be factored.</param>
    private static Result Minimize(LogisticObjective objective, double[] start, int maxIter, int verbose, string name, double fallbackTolerance,
        Converged converged, Func<double[], (double[]? Step, double[]? HessianStep)> newtonStep)
    {
        int m = objective.ParameterCount;
        var w = (double[])start.Clone();
        var g = new double[m];
        var trial = new double[m];
        var scratch = new double[m];
        double f = objective.Evaluate(w, g);
        double[]? previousStep = null, previousHessianStep = null;
        int iteration = 0;
        for (; iteration < maxIter; iteration++)
        {
            Execution.FitInterruption.Check();
            if (converged(g, previousStep, previousHessianStep)) return Report(true);
            objective.PrepareCurvature(w);
            var (d, hd) = newtonStep(g);
            if (d is null)
            {
                // The Hessian cannot be factored (no penalty on separable or collinear data): finish like scikit-learn, with L-BFGS.
                var lbfgs = Lbfgs.Minimize(objective.Evaluate, w, new LbfgsOptions { MaxIterations = Math.Max(maxIter - iteration, 1), GradientTolerance = fallbackTolerance });
                return new Result(lbfgs.X, iteration + lbfgs.Iterations, lbfgs.Converged);
            }
            double slope = TensorPrimitives.Dot<double>(g, d);
            if (!(slope < 0)) return Report(converged(g, d, hd));
            double step = 1.0, fNew = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < 40; halving++)
            {
                TensorPrimitives.MultiplyAdd<double>(d, step, w, trial);
                fNew = objective.Evaluate(trial, scratch);
                if (fNew <= f + 1e-4 * step * slope) { accepted = true; break; }
                // Near the optimum the predicted decrease drowns in the rounding of f: take the full Newton step when
                // it reduces the gradient instead.
                if (step == 1 && -slope <= 1e-12 * Math.Abs(f) && MaxAbs(scratch) < MaxAbs(g)) { accepted = true; break; }
                step *= 0.5;
            }
            if (!accepted) return Report(converged(g, d, hd));
            // A step that no longer moves w means rounding has the last word: this is as optimal as it gets.
            bool stalled = step * TensorPrimitives.Norm<double>(d) <= 1e-15 * (TensorPrimitives.Norm<double>(w) + 1e-300);
            (w, trial) = (trial, w);
            (g, scratch) = (scratch, g);
            f = fNew;
            previousStep = d;
            previousHessianStep = hd;
            if (verbose > 0) Console.Error.WriteLine($"{name}: iteration {iteration + 1}, objective {f:G10}, max |gradient| {MaxAbs(g):E3}, step {step}");
            if (stalled) { iteration++; return Report(true); }
        }
        return Report(converged(g, previousStep, previousHessianStep));

        Result Report(bool done)
        {
            if (verbose > 0) Console.Error.WriteLine(done ? $"{name}: converged after {iteration} iterations" : $"{name}: stopped after {iteration} iterations without converging");
            return new Result(w, iteration, done);
        }
    }

    /// <summary>
    /// scikit-learn's _cg (truncated conjugate gradients on H d = -g from d = 0, stopped when the residual's L1 norm is
    /// at most the termination value), preconditioned by the diagonal of H so that its iterations do not depend on the
    /// units of the features; without it, badly scaled data leaves the inner solves, and newton-cg, far from converged.
    /// </summary>
    private static (double[]?, double[]?) InnerConjugateGradient(LogisticObjective objective, double[] g)
    {
        int m = g.Length;
        double gradientL1 = TensorPrimitives.SumOfMagnitudes<double>(g);
        double termination = Math.Min(0.5, Math.Sqrt(gradientL1)) * gradientL1;
        var diagonal = new double[m];
        objective.HessianDiagonal(diagonal);
        double largestDiagonal = m == 0 ? 0 : TensorPrimitives.Max<double>(diagonal);
        for (int k = 0; k < m; k++) diagonal[k] = diagonal[k] > 0 ? 1 / diagonal[k] : 1;
        var x = new double[m];
        var r = (double[])g.Clone();
        var z = new double[m];
        TensorPrimitives.Multiply<double>(r, diagonal, z);
        var p = new double[m];
        TensorPrimitives.Negate<double>(z, p);
        var ap = new double[m];
        double rz = TensorPrimitives.Dot<double>(r, z);
        for (int i = 0; i <= 200; i++)
        {
            if (TensorPrimitives.SumOfMagnitudes<double>(r) <= termination) break;
            objective.HessianTimes(p, ap);
            double curvature = TensorPrimitives.Dot<double>(p, ap);
            // scikit-learn stops at an absolute curvature of 3 eps, which ends the search as soon as the step is small and
            // so limits how close newton-cg gets; relative to |p|^2 max diag(H) it detects the same flat directions.
            if (curvature >= 0 && curvature <= 3 * 2.220446049250313e-16 * TensorPrimitives.Dot<double>(p, p) * largestDiagonal) break;
            if (curvature < 0)
            {
                if (i == 0) TensorPrimitives.MultiplyAdd<double>(p, rz / curvature, x, x);
                break;
            }
            double alpha = rz / curvature;
            TensorPrimitives.MultiplyAdd<double>(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd<double>(ap, alpha, r, r);
            TensorPrimitives.Multiply<double>(r, diagonal, z);
            double rzNew = TensorPrimitives.Dot<double>(r, z);
            double beta = rzNew / rz;
            for (int k = 0; k < m; k++) p[k] = beta * p[k] - z[k];
            rz = rzNew;
        }
        return (x, null);
    }

    private static (double[]?, double[]?) CholeskyStep(LogisticObjective objective, double[] g)
    {
        var hessian = objective.Hessian();
        // A loose pivot test: the line search and the exact gradient make up for an inaccurate step.
        var factor = PositiveDefiniteSolver.TryFactor(hessian, g.Length, minPivotRatio: 1e-14);
        if (factor is null) return (null, null);
        var negative = new double[g.Length];
        TensorPrimitives.Negate<double>(g, negative);
        var d = factor.Solve(negative);
        var hd = new double[g.Length];
        objective.HessianTimes(d, hd);
        return (d, hd);
    }

    private static double MaxAbs(ReadOnlySpan<double> v) => v.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(v));
}
