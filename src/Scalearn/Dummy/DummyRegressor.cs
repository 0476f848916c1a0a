using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Dummy;

/// <summary>Predicts one statistic of the training targets (scikit-learn's DummyRegressor).</summary>
[RegisteredEstimator]
public sealed class DummyRegressor : Estimator<DummyRegressorModel>, IRegressorEstimator
{
    protected override bool NeedsFeatures => false;

    public DummyRegressorStrategy Strategy { get; set; } = DummyRegressorStrategy.Mean;

    public double? Constant { get; set; }

    /// <summary>Quantile in [0, 1] for strategy 'quantile'.</summary>
    public double? Quantile
    {
        get;
        set => field = value is double q ? Check.InRange(q, 0, 1, "quantile") : null;
    }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (Strategy == DummyRegressorStrategy.Constant && Constant is null)
            throw new ParameterException("constant", "Constant target value has to be specified when the constant strategy is used.");
        if (Strategy == DummyRegressorStrategy.Quantile && Quantile is null)
            throw new ParameterException("quantile", "When using strategy='quantile', you have to specify the desired quantile in the range [0, 1].");
    }

    protected override IModel FitCore(DataView data)
    {
        var y = data.Targets();
        double value = Strategy switch
        {
            DummyRegressorStrategy.Mean => y.Average(),
            DummyRegressorStrategy.Median => Percentile(y, 0.5),
            DummyRegressorStrategy.Quantile => Percentile(y, Quantile!.Value),
            _ => Constant!.Value,
        };
        return new DummyRegressorModel(data.FeatureCount, value);
    }

    /// <summary>numpy.percentile with linear interpolation.</summary>
    internal static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
