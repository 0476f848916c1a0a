using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Tests.Pipelines;

/// <summary>
/// Test-only nearest-centroid classifier (probabilities from a softmax of negative squared distances) so pipeline
/// tests do not depend on the real classifiers.
/// </summary>
public sealed class CentroidTestClassifier : Estimator, IClassifierEstimator, IRandomized
{
    /// <summary>Only observed by the pipeline's random_state forwarding; the fit is deterministic.</summary>
    public int? RandomState { get; set; }

    protected override IModel FitCore(DataView data)
    {
        var classes = data.Targets().Distinct().Order().ToArray();
        int p = data.FeatureCount;
        var centroids = new double[classes.Length * p];
        var counts = new int[classes.Length];
        for (int i = 0; i < data.Count; i++)
        {
            int k = Array.BinarySearch(classes, data.Target(i));
            counts[k]++;
            var row = data.Row(i);
            for (int j = 0; j < p; j++) centroids[k * p + j] += row[j];
        }
        for (int k = 0; k < classes.Length; k++)
            for (int j = 0; j < p; j++) centroids[k * p + j] /= counts[k];
        return new CentroidTestModel(classes, p, centroids);
    }
}

[ModelFormat("test-pipeline-centroid", 1)]
public sealed class CentroidTestModel(double[] classes, int featureCount, double[] centroids)
    : ClassifierModel(classes, featureCount), IDecisionFunction, IPersistableModel<CentroidTestModel>
{
    public double[] Centroids { get; } = centroids;

    public Matrix DecisionFunction(DataView x)
    {
        var scores = new Matrix(x.Count, Classes.Length);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (int k = 0; k < Classes.Length; k++)
            {
                double d = 0;
                for (int j = 0; j < FeatureCount; j++) d += Math.Pow(row[j] - Centroids[k * FeatureCount + j], 2);
                scores[i, k] = -d;
            }
        }
        return scores;
    }

    protected override Matrix PredictProbaCore(DataView x)
    {
        var proba = DecisionFunction(x);
        for (int i = 0; i < proba.Rows; i++)
        {
            var row = proba.Row(i);
            double max = row.ToArray().Max(), sum = 0;
            for (int k = 0; k < row.Length; k++) sum += row[k] = Math.Exp(row[k] - max);
            for (int k = 0; k < row.Length; k++) row[k] /= sum;
        }
        return proba;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        writer.Write(FeatureCount);
        foreach (var v in Centroids) writer.Write(v);
    }

    public static CentroidTestModel ReadPayload(BinaryReader reader, int version)
    {
        var classes = new double[reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadDouble();
        int p = reader.ReadInt32();
        var centroids = new double[classes.Length * p];
        for (int i = 0; i < centroids.Length; i++) centroids[i] = reader.ReadDouble();
        return new CentroidTestModel(classes, p, centroids);
    }
}
