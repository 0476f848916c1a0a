using System.Numerics.Tensors;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Linear;

/// <summary>
/// A fitted linear classifier (LogisticRegression, SGDClassifier). Binary problems have one row of coefficients whose
/// positive decision means Classes[1]; otherwise one row per class.
/// </summary>
[ModelFormat("linear-classifier", 1)]
public sealed class LinearClassifierModel : ClassifierModel, IDecisionFunction, IPersistableModel<LinearClassifierModel>
{
    private readonly double[] _coef;
    private readonly double[] _intercept;
    private readonly int _rows;

    public LinearClassifierModel(double[] classes, Matrix coef, double[] intercept, ProbabilityKind probability, string lossName)
        : base((double[])classes.Clone(), coef.Cols)
    {
        int expectedRows = classes.Length == 2 ? 1 : classes.Length;
        if (coef.Rows != expectedRows || intercept.Length != expectedRows)
            throw new ArgumentException($"{classes.Length} classes need {expectedRows} coefficient rows and intercepts; got {coef.Rows} and {intercept.Length}.");
        _coef = (double[])coef.Values.Clone();
        _intercept = (double[])intercept.Clone();
        _rows = expectedRows;
        Probability = probability;
        LossName = lossName;
    }

    /// <summary>scikit-learn's coef_ (a copy): 1 x features for binary problems, classes x features otherwise.</summary>
    public Matrix Coef => new((double[])_coef.Clone(), _rows, FeatureCount);

    /// <summary>scikit-learn's intercept_ (a copy).</summary>
    public double[] Intercept => (double[])_intercept.Clone();

    public ProbabilityKind Probability { get; }

    /// <summary>The training loss, named in error messages when probabilities are unavailable.</summary>
    public string LossName { get; }

    public Matrix DecisionFunction(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, GetType().Name);
        var result = new Matrix(x.Count, _rows);
        for (int i = 0; i < x.Count; i++)
        {
            var row = x.Row(i);
            for (int k = 0; k < _rows; k++)
                result.Values[i * _rows + k] = TensorPrimitives.Dot<double>(row, _coef.AsSpan(k * FeatureCount, FeatureCount)) + _intercept[k];
        }
        ModelChecks.FiniteInputBehind(result.Values, x, GetType().Name);
        return result;
    }

    protected override double[] PredictCore(DataView x)
    {
        var decision = DecisionFunction(x);
        var result = new double[x.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var row = decision.Row(i);
            result[i] = _rows == 1 ? Classes[row[0] > 0 ? 1 : 0] : Classes[TensorPrimitives.IndexOfMax<double>(row)];
        }
        return result;
    }

    public override string? ProbabilityUnavailable => Probability == ProbabilityKind.Unavailable
        ? $"Probability estimates are not available for loss='{LossName}'; use loss='log_loss' or 'modified_huber', or decision_function."
        : null;

    protected override Matrix PredictProbaCore(DataView x)
    {
        if (ProbabilityUnavailable is { } why) throw new InvalidOperationException(why);
        var decision = DecisionFunction(x);
        int k = Classes.Length;
        var proba = new Matrix(x.Count, k);
        for (int i = 0; i < x.Count; i++)
        {
            var d = decision.Row(i);
            var p = proba.Row(i);
            if (_rows == 1)
            {
                double positive = Probability switch
                {
                    ProbabilityKind.Softmax => Sigmoid(2 * d[0]),
                    ProbabilityKind.OneVsRestLogistic => Sigmoid(d[0]),
                    _ => (Math.Clamp(d[0], -1, 1) + 1) / 2,
                };
                p[0] = 1 - positive;
                p[1] = positive;
                continue;
            }
            switch (Probability)
            {
                case ProbabilityKind.Softmax:
                    TensorPrimitives.SoftMax<double>(d, p);
                    break;
                case ProbabilityKind.OneVsRestLogistic:
                    for (int c = 0; c < k; c++) p[c] = Sigmoid(d[c]);
                    TensorPrimitives.Divide<double>(p, TensorPrimitives.Sum<double>(p), p);
                    break;
                default:
                    for (int c = 0; c < k; c++) p[c] = (Math.Clamp(d[c], -1, 1) + 1) / 2;
                    double sum = TensorPrimitives.Sum<double>(p);
                    if (sum == 0) p.Fill(1.0 / k);
                    else TensorPrimitives.Divide<double>(p, sum, p);
                    break;
            }
        }
        return proba;
    }

    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(Classes.Length);
        foreach (double c in Classes) writer.Write(c);
        writer.Write(FeatureCount);
        foreach (double c in _coef) writer.Write(c);
        foreach (double b in _intercept) writer.Write(b);
        writer.Write((int)Probability);
        writer.Write(LossName);
    }

    public static LinearClassifierModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported linear-classifier format version {version}; this build reads version 1.");
        int k = reader.ReadInt32();
        if (k < 2) throw new InvalidDataException($"Invalid class count {k}.");
        var classes = new double[k];
        for (int i = 0; i < k; i++) classes[i] = reader.ReadDouble();
        int p = reader.ReadInt32();
        if (p < 0) throw new InvalidDataException($"Invalid feature count {p}.");
        int rows = k == 2 ? 1 : k;
        var coef = new double[checked(rows * p)];
        for (int i = 0; i < coef.Length; i++) coef[i] = reader.ReadDouble();
        var intercept = new double[rows];
        for (int i = 0; i < rows; i++) intercept[i] = reader.ReadDouble();
        int probability = reader.ReadInt32();
        if (!Enum.IsDefined(typeof(ProbabilityKind), probability)) throw new InvalidDataException($"Invalid probability kind {probability}.");
        return new LinearClassifierModel(classes, new Matrix(coef, rows, p), intercept, (ProbabilityKind)probability, reader.ReadString());
    }
}
