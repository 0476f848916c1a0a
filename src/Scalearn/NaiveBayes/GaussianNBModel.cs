using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.NaiveBayes;

/// <summary>A fitted <see cref="GaussianNB"/>: per-class feature means (theta), variances and priors.</summary>
[ModelFormat("gaussian-nb", 1)]
public sealed class GaussianNBModel : ClassifierModel, IPersistableModel<GaussianNBModel>
{
    private readonly double[] _logPrior;
    private readonly double[] _logNormalizer;

    public GaussianNBModel(double[] classes, int featureCount, double[,] theta, double[,] variance, double[] classPrior, double[] classCount, double epsilon)
        : base(classes, featureCount)
    {
        Theta = theta;
        Var = variance;
        ClassPrior = classPrior;
        ClassCount = classCount;
        Epsilon = epsilon;
        _logPrior = classPrior.Select(p => Math.Log(p)).ToArray();
        _logNormalizer = new double[classes.Length];
        for (int c = 0; c < classes.Length; c++)
        {
            double sum = 0;
            for (int j = 0; j < featureCount; j++) sum += Math.Log(2 * Math.PI * variance[c, j]);
            _logNormalizer[c] = -0.5 * sum;
        }
    }

    public double[,] Theta { get; }
    public double[,] Var { get; }
    public double[] ClassPrior { get; }
    public double[] ClassCount { get; }
    public double Epsilon { get; }

    /// <summary>Joint log likelihood log P(c) + log P(x | c), n x classes.</summary>
    public Matrix JointLogLikelihood(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(GaussianNBModel));
        int k = Classes.Length, d = FeatureCount;
        var result = new Matrix(x.Count, k);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            var output = result.Row(i);
            for (int c = 0; c < k; c++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++)
                {
                    double diff = row[j] - Theta[c, j];
                    sum += diff * diff / Var[c, j];
                }
                output[c] = _logPrior[c] + _logNormalizer[c] - 0.5 * sum;
            }
        }
        // A class given to partial_fit but never seen has log prior -inf for every row; only a bad input throws.
        ModelChecks.FiniteInputBehind(result.Values, x, nameof(GaussianNBModel));
        return result;
    }

    protected override Matrix PredictProbaCore(DataView x)
    {
        var jll = JointLogLikelihood(x);
        for (int i = 0; i < jll.Rows; i++)
        {
            var row = jll.Row(i);
            double max = double.NegativeInfinity;
            foreach (var v in row) max = Math.Max(max, v);
            double sum = 0;
            foreach (var v in row) sum += Math.Exp(v - max);
            double logSum = max + Math.Log(sum);
            for (int c = 0; c < row.Length; c++) row[c] = Math.Exp(row[c] - logSum);
        }
        return jll;
    }

    protected override double[] PredictCore(DataView x)
    {
        var jll = JointLogLikelihood(x);
        var result = new double[x.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var row = jll.Row(i);
            int best = 0;
            for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
            result[i] = Classes[best];
        }
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        int k = Classes.Length, d = FeatureCount;
        writer.Write(k);
        writer.Write(d);
        writer.Write(Epsilon);
        for (int c = 0; c < k; c++)
        {
            writer.Write(Classes[c]);
            writer.Write(ClassPrior[c]);
            writer.Write(ClassCount[c]);
            for (int j = 0; j < d; j++) writer.Write(Theta[c, j]);
            for (int j = 0; j < d; j++) writer.Write(Var[c, j]);
        }
    }

    public static GaussianNBModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported gaussian-nb payload version {version}.");
        int k = reader.ReadInt32(), d = reader.ReadInt32();
        if (k < 0 || d < 0) throw new InvalidDataException("Corrupt gaussian-nb payload: negative sizes.");
        double epsilon = reader.ReadDouble();
        var classes = new double[k];
        var prior = new double[k];
        var count = new double[k];
        var theta = new double[k, d];
        var variance = new double[k, d];
        for (int c = 0; c < k; c++)
        {
            classes[c] = reader.ReadDouble();
            prior[c] = reader.ReadDouble();
            count[c] = reader.ReadDouble();
            for (int j = 0; j < d; j++) theta[c, j] = reader.ReadDouble();
            for (int j = 0; j < d; j++) variance[c, j] = reader.ReadDouble();
        }
        return new GaussianNBModel(classes, d, theta, variance, prior, count, epsilon);
    }
}
