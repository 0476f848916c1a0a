using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>
/// Linear regression with combined L1 and L2 penalties (scikit-learn's ElasticNet), minimizing
/// 1/(2n) ||y - Xw||^2 + alpha l1_ratio ||w||_1 + 0.5 alpha (1 - l1_ratio) ||w||^2 by coordinate descent.
/// </summary>
[RegisteredEstimator]
public sealed class ElasticNet : CoordinateDescentRegressor
{
    public double L1Ratio { get; set => field = Check.InRange(value, 0, 1, "l1_ratio"); } = 0.5;

    protected override double PenaltyL1Ratio => L1Ratio;
}
