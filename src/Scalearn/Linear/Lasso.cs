using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>L1-regularized linear regression (scikit-learn's Lasso): 1/(2n) ||y - Xw||^2 + alpha ||w||_1, by coordinate descent.</summary>
[RegisteredEstimator]
public sealed class Lasso : CoordinateDescentRegressor
{
    protected override double PenaltyL1Ratio => 1.0;
}
