using System.Numerics.Tensors;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// L2-regularized least squares (scikit-learn's Ridge): minimizes ||y - Xw||^2 + alpha ||w||^2, intercept unpenalized.
/// solver 'auto' and 'cholesky' solve directly (tol and max_iter unused); 'lbfgs' iterates until the largest gradient
/// component is below tol (max_iter null = 15000, scikit-learn's default for lbfgs).
/// </summary>
[RegisteredEstimator]
public sealed class Ridge : Estimator<LinearRegressorModel>
{
    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1.0;
    public bool FitIntercept { get; set; } = true;
    public RidgeSolver Solver { get; set; } = RidgeSolver.Auto;
    public double Tol { get; set => field = Check.Positive(value, "tol"); } = 1e-4;
    public int? MaxIter { get; set => field = Check.AtLeastOrNull(value, 1, "max_iter"); }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var problem = CenteredProblem.From(data, FitIntercept);
        var coef = Solver == RidgeSolver.Lbfgs ? SolveIteratively(problem) : SolveDirectly(problem);
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }

    private double[] SolveDirectly(CenteredProblem problem)
    {
        if (problem.Cols > problem.Rows && Alpha > 0)
        {
            var kernel = problem.Kernel();
            for (int i = 0; i < problem.Rows; i++) kernel[i * problem.Rows + i] += Alpha;
            var dual = SymmetricSolver.Solve(kernel, problem.Y, problem.Rows);
            return problem.XtV(dual);
        }
        var gram = problem.Gram();
        for (int j = 0; j < problem.Cols; j++) gram[j * problem.Cols + j] += Alpha;
        return SymmetricSolver.Solve(gram, problem.XtY(), problem.Cols);
    }

    private double[] SolveIteratively(CenteredProblem problem)
    {
        var residual = new double[problem.Rows];
        double Objective(ReadOnlySpan<double> w, Span<double> gradient)
        {
            problem.Predict(w, residual);
            TensorPrimitives.Subtract<double>(residual, problem.Y, residual);
            gradient.Clear();
            for (int i = 0; i < problem.Rows; i++)
                TensorPrimitives.MultiplyAdd<double>(problem.Row(i), 2 * residual[i], gradient, gradient);
            TensorPrimitives.MultiplyAdd<double>(w, 2 * Alpha, gradient, gradient);
            return TensorPrimitives.Dot<double>(residual, residual) + Alpha * TensorPrimitives.Dot<double>(w, w);
        }
        var options = new LbfgsOptions { MaxIterations = MaxIter ?? 15000, GradientTolerance = Tol };
        return Lbfgs.Minimize(Objective, new double[problem.Cols], options).X;
    }
}
