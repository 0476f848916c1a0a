using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;

namespace Scalearn.Tests.Pipelines;

/// <summary>Test-only regressor: predicts the training mean plus the first feature (so transformed inputs matter).</summary>
public sealed class MeanTestRegressor : Estimator
{
    protected override IModel FitCore(DataView data) => new MeanTestRegressorModel(data.Targets().Average(), data.FeatureCount);
}

[ModelFormat("test-pipeline-mean-regressor", 1)]
public sealed class MeanTestRegressorModel(double mean, int featureCount) : RegressorModel(featureCount), IPersistableModel<MeanTestRegressorModel>
{
    public double Mean { get; } = mean;

    protected override double[] PredictCore(DataView x) => Enumerable.Range(0, x.Count).Select(i => Mean + x.Row(i)[0]).ToArray();

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(Mean);
        writer.Write(FeatureCount);
    }

    public static MeanTestRegressorModel ReadPayload(BinaryReader reader, int version) => new(reader.ReadDouble(), reader.ReadInt32());
}
