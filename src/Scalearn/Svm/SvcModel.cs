using System.Runtime.CompilerServices;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Svm;

/// <summary>
/// A fitted SVC. Internally it keeps libsvm's layout (sv_coef, rho, pairs (i, j) with i &lt; j oriented towards class
/// i); the public DualCoef and Intercept follow scikit-learn's (binary problems flipped towards the second class).
/// </summary>
[ModelFormat("svc", 1)]
public sealed class SvcModel : ClassifierModel, IDecisionFunction, IPersistableModel<SvcModel>
{
    private readonly SupportVectors _supportVectors;
    private readonly double[][] _svCoef;
    private readonly double[] _rho;
    private readonly double[]? _probA;
    private readonly double[]? _probB;
    private readonly int[] _classStart;

    internal SvcModel(double[] classes, int featureCount, SupportVectors supportVectors, int[] support, int[] nSupport,
        double[][] svCoef, double[] rho, double[]? probA, double[]? probB, DecisionFunctionShape shape, bool breakTies)
        : base(classes, featureCount)
    {
        _supportVectors = supportVectors;
        Support = support;
        NSupport = nSupport;
        _svCoef = svCoef;
        _rho = rho;
        _probA = probA;
        _probB = probB;
        Shape = shape;
        BreakTies = breakTies;
        _classStart = new int[nSupport.Length];
        for (int c = 1; c < nSupport.Length; c++) _classStart[c] = _classStart[c - 1] + nSupport[c - 1];
    }

    /// <summary>Support vectors (rows), grouped by class.</summary>
    public Matrix SupportVectors => _supportVectors.Vectors;

    /// <summary>Index of each support vector in the training data (scikit-learn's support_).</summary>
    public int[] Support { get; }

    /// <summary>Number of support vectors per class (scikit-learn's n_support_).</summary>
    public int[] NSupport { get; }

    public DecisionFunctionShape Shape { get; }
    public bool BreakTies { get; }
    public bool HasProbability => _probA is not null;

    /// <summary>The kernel coefficient actually used (scikit-learn's _gamma).</summary>
    public double Gamma => _supportVectors.Kernel.Gamma;

    /// <summary>scikit-learn's dual_coef_: (n_classes - 1) x n_SV.</summary>
    public Matrix DualCoef
    {
        get
        {
            var m = Matrix.FromRows(_svCoef);
            if (Classes.Length == 2) for (int i = 0; i < m.Values.Length; i++) m.Values[i] = -m.Values[i];
            return m;
        }
    }

    /// <summary>scikit-learn's intercept_: one per class pair.</summary>
    public double[] Intercept => Classes.Length == 2 ? [_rho[0]] : _rho.Select(r => -r).ToArray();

    public double[]? ProbA => _probA?.ToArray();
    public double[]? ProbB => _probB?.ToArray();

    /// <summary>libsvm decision values: n x pairs, positive for the first class of each pair (i, j), i &lt; j.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Matrix PairDecisions(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(SvcModel));
        ModelChecks.AllFinite(x, nameof(SvcModel));
        int k = Classes.Length, pairs = _rho.Length;
        var result = new Matrix(x.Count, pairs);
        var kvalue = new double[_supportVectors.Count];
        for (int r = 0; r < x.Count; r++)
        {
            _supportVectors.KernelValues(x.Row(r), kvalue);
            var row = result.Row(r);
            int p = 0;
            for (int i = 0; i < k; i++)
            {
                for (int j = i + 1; j < k; j++, p++)
                {
                    double sum = 0;
                    var coef1 = _svCoef[j - 1];
                    var coef2 = _svCoef[i];
                    int si = _classStart[i], sj = _classStart[j];
                    for (int s = 0; s < NSupport[i]; s++) sum += coef1[si + s] * kvalue[si + s];
                    for (int s = 0; s < NSupport[j]; s++) sum += coef2[sj + s] * kvalue[sj + s];
                    row[p] = sum - _rho[p];
                }
            }
        }
        return result;
    }

    /// <summary>
    /// n x 1 for two classes (positive means Classes[1]); otherwise n x pairs for 'ovo' or n x classes for 'ovr'
    /// (votes plus scaled confidences, scikit-learn's _ovr_decision_function).
    /// </summary>
    public Matrix DecisionFunction(DataView x)
    {
        var dec = PairDecisions(x);
        int k = Classes.Length;
        if (k == 2)
        {
            for (int i = 0; i < dec.Values.Length; i++) dec.Values[i] = -dec.Values[i];
            return dec;
        }
        return Shape == DecisionFunctionShape.Ovo ? dec : OvrDecision(dec, k);
    }

    private static Matrix OvrDecision(Matrix dec, int k)
    {
        var result = new Matrix(dec.Rows, k);
        var confidence = new double[k];
        for (int r = 0; r < dec.Rows; r++)
        {
            var votes = result.Row(r);
            Array.Clear(confidence);
            var d = dec.Row(r);
            int p = 0;
            for (int i = 0; i < k; i++)
            {
                for (int j = i + 1; j < k; j++, p++)
                {
                    confidence[i] += d[p];
                    confidence[j] -= d[p];
                    if (d[p] < 0) votes[j] += 1; else votes[i] += 1;
                }
            }
            for (int c = 0; c < k; c++) votes[c] += confidence[c] / (3 * (Math.Abs(confidence[c]) + 1));
        }
        return result;
    }

    /// <summary>libsvm's one-vs-one voting (ties go to the lower class), or the ovr argmax when break_ties is set.</summary>
    protected override double[] PredictCore(DataView x)
    {
        var dec = PairDecisions(x);
        int k = Classes.Length;
        var result = new double[x.Count];
        var votes = new int[k];
        Matrix? ovr = BreakTies && Shape == DecisionFunctionShape.Ovr && k > 2 ? OvrDecision(dec, k) : null;
        for (int r = 0; r < result.Length; r++)
        {
            int best = 0;
            if (ovr is not null)
            {
                var row = ovr.Row(r);
                for (int c = 1; c < k; c++) if (row[c] > row[best]) best = c;
            }
            else
            {
                Array.Clear(votes);
                var d = dec.Row(r);
                int p = 0;
                for (int i = 0; i < k; i++)
                    for (int j = i + 1; j < k; j++, p++)
                        if (d[p] > 0) votes[i]++; else votes[j]++;
                for (int c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
            }
            result[r] = Classes[best];
        }
        return result;
    }

    public override string? ProbabilityUnavailable => _probA is null || _probB is null
        ? "predict_proba is not available when probability=false; fit SVC with probability=true."
        : null;

    protected override Matrix PredictProbaCore(DataView x)
    {
        if (_probA is null || _probB is null) throw new InvalidOperationException(ProbabilityUnavailable);
        var dec = PairDecisions(x);
        int k = Classes.Length;
        const double minProb = 1e-7;
        var result = new Matrix(x.Count, k);
        var pairwise = new double[k, k];
        for (int r = 0; r < x.Count; r++)
        {
            var d = dec.Row(r);
            int p = 0;
            for (int i = 0; i < k; i++)
            {
                for (int j = i + 1; j < k; j++, p++)
                {
                    pairwise[i, j] = Math.Clamp(PlattScaling.Predict(d[p], _probA[p], _probB[p]), minProb, 1 - minProb);
                    pairwise[j, i] = 1 - pairwise[i, j];
                }
            }
            var row = result.Row(r);
            if (k == 2)
            {
                row[0] = pairwise[0, 1];
                row[1] = pairwise[1, 0];
            }
            else PairwiseCoupling.Couple(pairwise, row);
        }
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        PayloadIO.WriteDoubles(writer, Classes);
        writer.Write(FeatureCount);
        _supportVectors.Write(writer);
        PayloadIO.WriteInts(writer, Support);
        PayloadIO.WriteInts(writer, NSupport);
        writer.Write(_svCoef.Length);
        foreach (var row in _svCoef) PayloadIO.WriteDoubles(writer, row);
        PayloadIO.WriteDoubles(writer, _rho);
        writer.Write(_probA is not null);
        if (_probA is not null)
        {
            PayloadIO.WriteDoubles(writer, _probA);
            PayloadIO.WriteDoubles(writer, _probB!);
        }
        writer.Write((int)Shape);
        writer.Write(BreakTies);
    }

    public static SvcModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported svc payload version {version}.");
        var classes = PayloadIO.ReadDoubles(reader);
        int featureCount = reader.ReadInt32();
        var supportVectors = Svm.SupportVectors.Read(reader);
        var support = PayloadIO.ReadInts(reader);
        var nSupport = PayloadIO.ReadInts(reader);
        int coefRows = reader.ReadInt32();
        if (coefRows < 0) throw new InvalidDataException("Negative dual coefficient row count.");
        var svCoef = new double[coefRows][];
        for (int r = 0; r < coefRows; r++) svCoef[r] = PayloadIO.ReadDoubles(reader);
        var rho = PayloadIO.ReadDoubles(reader);
        double[]? probA = null, probB = null;
        if (reader.ReadBoolean())
        {
            probA = PayloadIO.ReadDoubles(reader);
            probB = PayloadIO.ReadDoubles(reader);
        }
        var shape = (DecisionFunctionShape)reader.ReadInt32();
        bool breakTies = reader.ReadBoolean();
        int k = classes.Length;
        if (k < 2 || nSupport.Length != k || nSupport.Sum() != supportVectors.Count || rho.Length != k * (k - 1) / 2
            || svCoef.Length != k - 1 || svCoef.Any(c => c.Length != supportVectors.Count) || supportVectors.Vectors.Cols != featureCount
            || (probA is not null && (probA.Length != rho.Length || probB!.Length != rho.Length)) || !Enum.IsDefined(shape))
            throw new InvalidDataException("Inconsistent svc payload.");
        return new SvcModel(classes, featureCount, supportVectors, support, nSupport, svCoef, rho, probA, probB, shape, breakTies);
    }
}
