using Scalearn.Linear.Solvers;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// One logistic problem (a binary one-vs-rest problem or the multinomial one) solved by the chosen solver, from a
/// starting point in <see cref="LogisticObjective"/>'s layout: [coef rows x p row-major, intercepts].
/// </summary>
internal static class LogisticSolutions
{
    public static double[] Solve(LogisticObjective objective, int rows, LogisticSettings settings, double[] start, int problem)
    {
        switch (settings.Solver)
        {
            case LogisticSolver.NewtonCg:
                return LogisticNewton.ConjugateGradient(objective, start, settings.Tol, settings.MaxIter, settings.Verbose).W;
            case LogisticSolver.NewtonCholesky:
                return LogisticNewton.Cholesky(objective, start, settings.Tol, settings.MaxIter, settings.Verbose, objective.Rows).W;
            case LogisticSolver.Sag:
            case LogisticSolver.Saga:
                return Sag(objective, rows, settings, start, problem);
            default:
                var options = LbfgsSettings(settings.MaxIter, settings.Tol);
                var result = Lbfgs.Minimize((w, g) =>
                {
                    Execution.FitInterruption.Check();
                    return objective.Evaluate(w, g);
                }, start, options);
                if (settings.Verbose > 0)
                    Console.Error.WriteLine($"lbfgs: {result.Iterations} iterations, objective {result.Value:G10}: {result.Reason}");
                return result.X;
        }
    }

    /// <summary>
    /// scikit-learn 1.2 calls scipy's L-BFGS-B with gtol = tol and scipy's other defaults: ftol = 1e7 machine epsilons
    /// (factr) and 20 line-search steps. A tol below the default 1e-4 tightens ftol in proportion, down to 64 epsilons
    /// (what later scikit-learn versions pass), so that a small tol reaches the optimum it asks for instead of stopping
    /// where the default tol would.
    /// </summary>
    public static LbfgsOptions LbfgsSettings(int maxIter, double tol)
    {
        const double epsilon = 2.220446049250313e-16;
        return new LbfgsOptions
        {
            MaxIterations = maxIter, GradientTolerance = tol, MaxLineSearchSteps = 20,
            FunctionTolerance = Math.Max(64 * epsilon, 1e7 * epsilon * Math.Min(1, tol / 1e-4)),
        };
    }

    /// <summary>scikit-learn's sag_solver with the log (binary, labels +1/-1) or multinomial loss: alpha = l2, beta = l1.</summary>
    private static double[] Sag(LogisticObjective objective, int rows, LogisticSettings settings, double[] start, int problem)
    {
        int n = objective.Rows, p = objective.Features;
        var x = objective.X;
        var y = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rows == 1 ? objective.Sign(i) : objective.ClassOf(i);
            weights[i] = objective.SampleWeight(i);
        }
        // The solver keeps weights feature-major (p x rows); the objective's layout is class-major.
        var initial = new double[p * rows];
        for (int c = 0; c < rows; c++)
            for (int f = 0; f < p; f++) initial[f * rows + c] = start[c * p + f];
        var initialIntercept = settings.FitIntercept ? start.AsSpan(rows * p, rows).ToArray() : null;
        var solver = new StochasticAverageGradient
        {
            Loss = rows == 1 ? SagLoss.Log : SagLoss.Multinomial, Alpha = settings.L2, Beta = settings.L1,
            Saga = settings.Solver == LogisticSolver.Saga, FitIntercept = settings.FitIntercept, Tol = settings.Tol,
            MaxIter = settings.MaxIter, Verbose = settings.Verbose,
        };
        var rng = settings.RandomState is int seed ? new Rng(Rng.Derive(seed, problem)) : Rng.FromOptionalSeed(null);
        var result = solver.Solve(x, y, weights, n, p, rows, rng, initial, initialIntercept);
        var w = new double[objective.ParameterCount];
        for (int c = 0; c < rows; c++)
            for (int f = 0; f < p; f++) w[c * p + f] = result.Weights[f * rows + c];
        if (settings.FitIntercept) result.Intercept.CopyTo(w.AsSpan(rows * p, rows));
        return w;
    }
}
