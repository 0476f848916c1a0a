using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Dummy;

[ModelFormat("dummy-regressor", 1)]
public sealed class DummyRegressorModel(int featureCount, double constant) : RegressorModel(featureCount), IPersistableModel<DummyRegressorModel>
{
    /// <summary>The value predicted for every row.</summary>
    public double Constant { get; } = constant;

    protected override double[] PredictCore(DataView x)
    {
        var result = new double[x.Count];
        Array.Fill(result, Constant);
        return result;
    }

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(FeatureCount);
        writer.Write(Constant);
    }

    public static DummyRegressorModel ReadPayload(BinaryReader reader, int version)
    {
        if (version != 1) throw new InvalidDataException($"Unsupported dummy-regressor payload version {version}.");
        return new DummyRegressorModel(reader.ReadInt32(), reader.ReadDouble());
    }
}
