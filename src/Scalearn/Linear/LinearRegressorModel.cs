using System.Numerics.Tensors;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Linear;

/// <summary>A fitted linear regressor: prediction = X . Coef + Intercept (LinearRegression, Ridge, Lasso, ElasticNet, SGDRegressor).</summary>
[ModelFormat("linear-regressor", 1)]
public sealed class LinearRegressorModel : RegressorModel, IPersistableModel<LinearRegressorModel>
{
    private readonly double[] _coef;

    public LinearRegressorModel(double[] coef, double intercept) : base(coef.Length)
    {
        _coef = (double[])coef.Clone();
        Intercept = intercept;
    }

    /// <summary>scikit-learn's coef_ (a copy).</summary>
    public double[] Coef => (double[])_coef.Clone();

    /// <summary>scikit-learn's intercept_.</summary>
    public double Intercept { get; }

    protected override double[] PredictCore(DataView x)
    {
        var result = new double[x.Count];
        for (int i = 0; i < result.Length; i++) result[i] = TensorPrimitives.Dot<double>(x.Row(i), _coef) + Intercept;
        ModelChecks.FiniteInputBehind(result, x, GetType().Name);
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(_coef.Length);
        foreach (double c in _coef) writer.Write(c);
        writer.Write(Intercept);
    }

    public static LinearRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported linear-regressor format version {version}; this build reads version 1.");
        int p = reader.ReadInt32();
        if (p < 0) throw new InvalidDataException($"Invalid coefficient count {p}.");
        var coef = new double[p];
        for (int j = 0; j < p; j++) coef[j] = reader.ReadDouble();
        return new LinearRegressorModel(coef, reader.ReadDouble());
    }
}
