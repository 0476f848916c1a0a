using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Boosting;

/// <summary>scikit-learn 1.2.1's HistGradientBoostingRegressor on LightGBM (see <see cref="HistGradientBoostingBase"/> for the differences).</summary>
[RegisteredEstimator]
public sealed class HistGradientBoostingRegressor : HistGradientBoostingBase, IRegressorEstimator
{
    /// <summary>Fits and returns the BoostingRegressorModel (no cast needed).</summary>
    public new BoostingRegressorModel Fit(DataView data) => (BoostingRegressorModel)base.Fit(data);

    public string Loss { get; set => field = Check.OneOf(value, "loss", "squared_error", "absolute_error", "poisson", "quantile"); } = "squared_error";

    /// <summary>The quantile to estimate when loss='quantile', in (0, 1).</summary>
    public double? Quantile
    {
        get;
        set => field = value is null ? null : Check.InRange(value.Value, 0, 1, "quantile", minInclusive: false, maxInclusive: false);
    }

    private protected override bool IsClassifier => false;

    private BoostingLoss LossKind => Loss switch
    {
        "absolute_error" => BoostingLoss.AbsoluteError,
        "poisson" => BoostingLoss.Poisson,
        "quantile" => BoostingLoss.Quantile,
        _ => BoostingLoss.SquaredError,
    };

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (LossKind == BoostingLoss.Quantile && Quantile is null)
            throw new ParameterException("quantile", "Parameter 'quantile' must be set (a number in (0, 1)) when loss='quantile'.");
    }

    protected override IModel FitCore(DataView data)
    {
        var targets = BoostingTargets.Regression(data, TypeName);
        if (LossKind == BoostingLoss.Poisson)
        {
            double sum = 0;
            for (int i = 0; i < data.Count; i++)
            {
                double y = data.Target(i);
                if (y < 0) throw new ArgumentException($"{TypeName}: loss='poisson' requires non-negative y and sum(y) > 0; row {i} has {ParamConverter.Format(y)}.");
                sum += y;
            }
            if (!(sum > 0)) throw new ArgumentException($"{TypeName}: loss='poisson' requires non-negative y and sum(y) > 0; the targets sum to 0.");
        }
        var parameters = new LightGbmParameters().Set("objective", BoostingLosses.Objective(LossKind, 0), "loss");
        if (LossKind == BoostingLoss.Quantile) parameters.Set("alpha", Quantile!.Value, "quantile");
        if (LossKind == BoostingLoss.Poisson) parameters.Set("poisson_max_delta_step", 1e-10);
        return new BoostingRegressorModel(data.FeatureCount, Train(data, targets, LossKind, Quantile ?? 0.5, parameters));
    }

    private protected override IModel LiveModel(BoosterCore core, int features, BoostingTargets targets) =>
        new BoostingRegressorModel(features, new BoostedTrees(core, 0, [], [], ImportanceType.Split));
}
