using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>L1-regularized linear regression (scikit-learn's Lasso): 1/(2n) ||y - Xw||^2 + alpha ||w||_1, by coordinate descent.</summary>
[RegisteredEstimator]
public sealed class Lasso : Estimator, IRandomized
{
    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1.0;
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
        var (coef, _, _) = CoordinateDescent.Solve(problem, Alpha, 1.0, MaxIter, Tol, Selection, Rng.FromOptionalSeed(RandomState));
        return new LinearRegressorModel(coef, FitIntercept ? problem.InterceptFor(coef) : 0.0);
    }
}
