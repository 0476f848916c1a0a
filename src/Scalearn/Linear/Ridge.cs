using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// L2-regularized least squares (scikit-learn's Ridge): minimizes ||y - Xw||^2 + alpha ||w||^2 on centered data, the
/// intercept unpenalized. Solvers as in scikit-learn 1.2 (<see cref="RidgeSolver"/>): 'auto' is cholesky, or lbfgs when
/// positive=True; svd and cholesky are direct (cholesky falls back to svd when X^T X + alpha I is too ill-conditioned for
/// the normal equations); lsqr, sparse_cg, sag and saga stop by tol and max_iter (null: scipy's 2 n_features for
/// lsqr, 10 n for sparse_cg, 1000 epochs for sag and saga); sag and saga draw rows with random_state. positive=True
/// (solver auto or lbfgs) returns the exact non-negative solution. copy_X is accepted for compatibility: the training
/// data is never modified, so both values behave like scikit-learn's copy_X=True.
/// </summary>
[RegisteredEstimator]
public sealed class Ridge : Estimator<LinearRegressorModel>, IRandomized, IRegressorEstimator
{
    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1.0;
    public bool FitIntercept { get; set; } = true;
    [ParamName("copy_X")]
    public bool CopyX { get; set; } = true;
    public int? MaxIter { get; set => field = Check.AtLeastOrNull(value, 1, "max_iter"); }
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;
    public RidgeSolver Solver { get; set; } = RidgeSolver.Auto;
    public bool Positive { get; set; }
    public int? RandomState { get; set; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (Solver == RidgeSolver.Lbfgs && !Positive)
            throw new ParameterException("solver", "Parameter 'solver' = 'lbfgs' can be used only when positive=True. Please use another solver.");
        if (Positive && Solver is not (RidgeSolver.Auto or RidgeSolver.Lbfgs))
            throw new ParameterException("solver",
                $"Parameter 'solver' = '{ParamNames.ToSnakeCase(Solver.ToString())}' does not support positive fitting. Please set the solver to 'auto' or 'lbfgs', or set positive=False.");
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var problem = CenteredProblem.From(data, FitIntercept);
        var coef = Positive ? RidgeSolutions.Positive(problem, Alpha) : Solver switch
        {
            RidgeSolver.Svd => RidgeSolutions.Svd(problem, Alpha),
            RidgeSolver.Lsqr => RidgeSolutions.Lsqr(problem, Alpha, Tol, MaxIter),
            RidgeSolver.SparseCg => RidgeSolutions.SparseCg(problem, Alpha, Tol, MaxIter),
            RidgeSolver.Sag or RidgeSolver.Saga => RidgeSolutions.Sag(problem, Alpha, Tol, MaxIter, Solver == RidgeSolver.Saga, Rng.FromOptionalSeed(RandomState)),
            _ => RidgeSolutions.Cholesky(problem, Alpha),
        };
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }
}
