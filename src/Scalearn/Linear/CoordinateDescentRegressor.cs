using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Shared parameters and fit of the coordinate-descent regressors (Lasso, ElasticNet): minimizes
/// 1/(2n) ||y - Xw||^2 + alpha r ||w||_1 + 0.5 alpha (1 - r) ||w||^2 where r is <see cref="PenaltyL1Ratio"/>.
/// </summary>
public abstract class CoordinateDescentRegressor : Estimator<LinearRegressorModel>, IRandomized
{
    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1.0;
    public bool FitIntercept { get; set; } = true;
    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 1000;
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;
    public CoordinateSelection Selection { get; set; } = CoordinateSelection.Cyclic;
    public int? RandomState { get; set; }

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
        var (coef, _, _) = CoordinateDescent.Solve(problem, Alpha, PenaltyL1Ratio, MaxIter, Tol, Selection, Rng.FromOptionalSeed(RandomState));
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }
}
