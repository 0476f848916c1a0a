using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Shared parameters and fit of the coordinate-descent regressors (Lasso, ElasticNet): minimizes
/// 1/(2n) ||y - Xw||^2 + alpha r ||w||_1 + 0.5 alpha (1 - r) ||w||^2 where r is <see cref="PenaltyL1Ratio"/>, subject to
/// w >= 0 when positive=True. copy_X is accepted for compatibility (the training data is never modified).
/// <para>
/// warm_start=True starts from the coefficients of this estimator's previous fit (scikit-learn's coef_). This is the
/// one place an estimator remembers a fit: the solution is kept privately, never in the parameters, so
/// <see cref="Estimator.Clone"/> and a search's copies start cold.
/// </para>
/// </summary>
[UnsupportedParam("precompute", false, "a precomputed Gram matrix only changes the speed of the sweeps, and Scalearn sweeps over the columns")]
public abstract class CoordinateDescentRegressor : Estimator<LinearRegressorModel>, IRandomized, IRegressorEstimator
{
    private WarmStartSolution? _previous;

    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1.0;
    public bool FitIntercept { get; set; } = true;
    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 1000;
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;
    public CoordinateSelection Selection { get; set; } = CoordinateSelection.Cyclic;
    public int? RandomState { get; set; }
    [ParamName("copy_X")]
    public bool CopyX { get; set; } = true;
    public bool WarmStart { get; set; }
    public bool Positive { get; set; }

    /// <summary>Share of the penalty that is L1 (1 for Lasso).</summary>
    protected abstract double PenaltyL1Ratio { get; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var problem = CenteredProblem.From(data, FitIntercept);
        var previous = WarmStart ? _previous : null;
        previous?.RequireShape(1, problem.Cols, TypeName);
        var (coef, _, _) = CoordinateDescent.Solve(problem, Alpha, PenaltyL1Ratio, MaxIter, Tol, Selection, Rng.FromOptionalSeed(RandomState),
            Positive, previous?.Coef.Values);
        double intercept = FitIntercept ? problem.InterceptFor(coef) : 0.0;
        _previous = new WarmStartSolution(new Matrix((double[])coef.Clone(), 1, coef.Length), [intercept]);
        return new LinearRegressorModel(coef, intercept);
    }
}
