using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Svm;

/// <summary>A fitted SVR: f(x) = sum_s dual_coef_s K(sv_s, x) + intercept.</summary>
[ModelFormat("svr", 1)]
public sealed class SvrModel : RegressorModel, IPersistableModel<SvrModel>
{
    private readonly SupportVectors _supportVectors;
    private readonly double[] _dualCoef;

    internal SvrModel(int featureCount, SupportVectors supportVectors, int[] support, double[] dualCoef, double intercept)
        : base(featureCount)
    {
        _supportVectors = supportVectors;
        Support = support;
        _dualCoef = dualCoef;
        Intercept = intercept;
    }

    public Matrix SupportVectors => _supportVectors.Vectors;

    /// <summary>Index of each support vector in the training data (scikit-learn's support_).</summary>
    public int[] Support { get; }

    /// <summary>alpha_i - alpha*_i per support vector (scikit-learn's dual_coef_ row).</summary>
    public double[] DualCoef => _dualCoef.ToArray();

    public double Intercept { get; }

    /// <summary>The kernel coefficient actually used (scikit-learn's _gamma).</summary>
    public double Gamma => _supportVectors.Kernel.Gamma;

    protected override double[] PredictCore(DataView x)
    {
        ModelChecks.AllFinite(x, nameof(SvrModel));
        var result = new double[x.Count];
        var kvalue = new double[_supportVectors.Count];
        for (int r = 0; r < result.Length; r++)
        {
            _supportVectors.KernelValues(x.Row(r), kvalue);
            result[r] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(kvalue, _dualCoef) + Intercept;
        }
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        _supportVectors.Write(writer);
        PayloadIO.WriteInts(writer, Support);
        PayloadIO.WriteDoubles(writer, _dualCoef);
        writer.Write(Intercept);
    }

    public static SvrModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported svr payload version {version}.");
        int featureCount = reader.ReadInt32();
        var supportVectors = Svm.SupportVectors.Read(reader);
        var support = PayloadIO.ReadInts(reader);
        var dualCoef = PayloadIO.ReadDoubles(reader);
        double intercept = reader.ReadDouble();
        if (dualCoef.Length != supportVectors.Count || support.Length != supportVectors.Count || supportVectors.Vectors.Cols != featureCount)
            throw new InvalidDataException("Inconsistent svr payload.");
        return new SvrModel(featureCount, supportVectors, support, dualCoef, intercept);
    }
}
