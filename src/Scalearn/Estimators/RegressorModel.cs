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
        double mean = 0;
        for (int i = 0; i < predicted.Length; i++) mean += data.Target(i);
        mean /= predicted.Length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            double y = data.Target(i);
            ssRes += (y - predicted[i]) * (y - predicted[i]);
            ssTot += (y - mean) * (y - mean);
        }
        return ssTot == 0 ? (ssRes == 0 ? 1.0 : 0.0) : 1 - ssRes / ssTot;
    }

    protected abstract double[] PredictCore(DataView x);
}
