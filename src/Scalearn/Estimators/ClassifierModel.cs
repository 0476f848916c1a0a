using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>
/// Base for fitted classifiers: matches the input's columns to those the model was fitted on (<see cref="ModelSchema"/>),
/// checks feature counts, predicts the most probable class, scores accuracy.
/// </summary>
public abstract class ClassifierModel : IClassifierModel
{
    protected ClassifierModel(double[] classes, int featureCount)
    {
        Classes = classes;
        FeatureCount = featureCount;
    }

    public double[] Classes { get; }
    public int FeatureCount { get; }

    /// <summary>Why <see cref="PredictProba"/> cannot answer (where scikit-learn's predict_proba raises), or null when it can.</summary>
    public virtual string? ProbabilityUnavailable => null;

    public Matrix PredictProba(DataView x)
    {
        x = this.Align(x);
        ModelChecks.FeatureCount(x, FeatureCount, GetType().Name);
        return PredictProbaCore(x);
    }

    public double[] Predict(DataView x)
    {
        x = this.Align(x);
        ModelChecks.FeatureCount(x, FeatureCount, GetType().Name);
        return PredictCore(x);
    }

    /// <summary>The class of highest probability; <paramref name="x"/> is aligned and checked already.</summary>
    protected virtual double[] PredictCore(DataView x)
    {
        var proba = PredictProbaCore(x);
        var result = new double[x.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var row = proba.Row(i);
            int best = 0;
            for (int k = 1; k < row.Length; k++) if (row[k] > row[best]) best = k;
            result[i] = Classes[best];
        }
        return result;
    }

    public double Score(DataView data)
    {
        data = this.Align(data); // a text target is recoded to the model's class codes
        var predicted = Predict(data);
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++) if (predicted[i] == data.Target(i)) correct++;
        return (double)correct / predicted.Length;
    }

    protected abstract Matrix PredictProbaCore(DataView x);
}
