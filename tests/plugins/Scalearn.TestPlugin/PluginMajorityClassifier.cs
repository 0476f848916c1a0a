using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.TestPlugin;

/// <summary>A user's own estimator: predicts the most frequent training class, or <see cref="Fallback"/> on ties.</summary>
[RegisteredEstimator]
public sealed class PluginMajorityClassifier : Estimator, IClassifierEstimator
{
    public double Fallback { get; set; }

    protected override IModel FitCore(DataView data)
    {
        var counts = data.Targets().GroupBy(y => y).Select(g => (Label: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Label).ToArray();
        var classes = counts.Select(c => c.Label).Order().ToArray();
        double label = counts.Length > 1 && counts[0].Count == counts[1].Count ? Fallback : counts[0].Label;
        return new PluginMajorityModel(classes, data.FeatureCount, label);
    }
}

public sealed class PluginMajorityModel(double[] classes, int featureCount, double label) : ClassifierModel(classes, featureCount)
{
    protected override Matrix PredictProbaCore(DataView x)
    {
        var proba = new Matrix(x.Count, Classes.Length);
        int k = Array.IndexOf(Classes, label);
        for (int i = 0; i < x.Count; i++)
            if (k >= 0) proba[i, k] = 1;
        return proba;
    }
}
