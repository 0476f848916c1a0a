using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear.Solvers;

namespace Scalearn.Linear;

/// <summary>
/// Ordinary least squares (scikit-learn's LinearRegression): the minimum-norm least-squares solution of the centered
/// problem, intercept = mean(y) - mean(X) . coef. The solver (<see cref="MinimumNormLeastSquares"/>) works on
/// unit-norm columns, so the answer does not depend on the units of the features beyond rounding, and treats
/// directions as absent (rank-deficient: constant or duplicated columns, more features than rows) by a rule that
/// does not depend on them either. positive=True solves non-negative least squares (scipy's nnls, as scikit-learn).
/// n_jobs is accepted with scikit-learn's meaning: it parallelizes over targets, and a Scalearn model has one, so it
/// changes nothing; copy_X is accepted for compatibility (the training data is never modified).
/// </summary>
[RegisteredEstimator]
public sealed class LinearRegression : Estimator<LinearRegressorModel>, IRegressorEstimator
{
    public bool FitIntercept { get; set; } = true;
    [ParamName("copy_X")]
    public bool CopyX { get; set; } = true;
    public int? NJobs { get; set => field = LinearJobs.Check(value); }
    public bool Positive { get; set; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var problem = CenteredProblem.From(data, FitIntercept);
        var coef = Positive
            ? NonNegativeLeastSquares.Solve(problem.X, problem.Y, problem.Rows, problem.Cols)
            : MinimumNormLeastSquares.Solve(problem.X, problem.Y, problem.Rows, problem.Cols).Coef;
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }
}
