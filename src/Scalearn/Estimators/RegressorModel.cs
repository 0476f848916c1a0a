using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>Base for fitted regressors: matches the input's columns to the model's (<see cref="ModelSchema"/>), checks feature counts and scores R^2.</summary>
public abstract class RegressorModel : IPredictor
{
    protected RegressorModel(int featureCount) => FeatureCount = featureCount;

    public int FeatureCount { get; }

    public double[] Predict(DataView x)
    {
        x = this.Align(x);
        ModelChecks.FeatureCount(x, FeatureCount, GetType().Name);
        return PredictCore(x);
    }

    public double Score(DataView data)
    {
        data = this.Align(data);
        var predicted = Predict(data);
        var actual = new double[predicted.Length];
        for (int i = 0; i < actual.Length; i++) actual[i] = data.Target(i);
        return Metrics.RegressionMetrics.R2(actual, predicted);
    }

    protected abstract double[] PredictCore(DataView x);
}
