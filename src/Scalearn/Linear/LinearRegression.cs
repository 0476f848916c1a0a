using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>
/// Ordinary least squares (scikit-learn's LinearRegression). Solves the normal equations of the centered data by
/// Cholesky; when X^T X is singular (collinear features) it returns the minimum-norm solution, as lstsq does.
/// </summary>
[RegisteredEstimator]
public sealed class LinearRegression : Estimator<LinearRegressorModel>
{
    public bool FitIntercept { get; set; } = true;

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var problem = CenteredProblem.From(data, FitIntercept);
        var coef = SymmetricSolver.Solve(problem.Gram(), problem.XtY(), problem.Cols);
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }
}
