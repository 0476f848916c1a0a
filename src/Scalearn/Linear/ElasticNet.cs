using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Linear regression with combined L1 and L2 penalties (scikit-learn's ElasticNet), minimizing
/// 1/(2n) ||y - Xw||^2 + alpha l1_ratio ||w||_1 + 0.5 alpha (1 - l1_ratio) ||w||^2 by coordinate descent.
/// </summary>
[RegisteredEstimator]
public sealed class ElasticNet : Estimator, IRandomized
{
    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1.0;
    public double L1Ratio { get; set => field = Check.InRange(value, 0, 1, "l1_ratio"); } = 0.5;
    public bool FitIntercept { get; set; } = true;
    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 1000;
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;
    public CoordinateSelection Selection { get; set; } = CoordinateSelection.Cyclic;
    public int? RandomState { get; set; }


    protected override void Validate(DataView data)
    {
        base.Validate(data);
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var problem = CenteredProblem.From(data, FitIntercept);
        var (coef, _, _) = CoordinateDescent.Solve(problem, Alpha, L1Ratio, MaxIter, Tol, Selection, Rng.FromOptionalSeed(RandomState));
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }
}
