using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Boosting;

/// <summary>lightgbm.LGBMRegressor (4.7); objective null means 'regression' (squared error).</summary>
[RegisteredEstimator]
public sealed class LGBMRegressor : LGBMModelBase, IRegressorEstimator
{
    /// <summary>Fits and returns the BoostingRegressorModel (no cast needed).</summary>
    public new BoostingRegressorModel Fit(DataView data) => (BoostingRegressorModel)base.Fit(data);

    protected override string[] AllowedObjectives =>
        ["regression", "regression_l1", "huber", "fair", "poisson", "quantile", "mape", "gamma", "tweedie"];

    protected override IModel FitCore(DataView data)
    {
        var targets = BoostingTargets.Regression(data, TypeName);
        var trees = Train(data, targets, Parameters(Objective ?? "regression"), 1);
        return new BoostingRegressorModel(data.FeatureCount, trees);
    }
}
