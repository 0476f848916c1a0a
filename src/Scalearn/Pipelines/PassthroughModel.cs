using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Preprocessing;

namespace Scalearn.Pipelines;

/// <summary>A fitted <see cref="Passthrough"/>: returns the input rows unchanged (targets and text columns included).</summary>
[ModelFormat("passthrough", 1)]
public sealed class PassthroughModel : ITransformerModel, IPersistableModel<PassthroughModel>
{
    internal PassthroughModel(IReadOnlyList<string> featureNames) => FeatureNames = featureNames;

    public IReadOnlyList<string> FeatureNames { get; }
    public int FeatureCount => FeatureNames.Count;

    public Dataset Transform(DataView x)
    {
        ModelChecks.FeatureCount(x, FeatureCount, nameof(PassthroughModel));
        return x.Materialize();
    }

    public void WritePayload(BinaryWriter writer) => PayloadIO.WriteStrings(writer, FeatureNames);

    public static PassthroughModel ReadPayload(BinaryReader reader, int version) =>
        version == 1 ? new PassthroughModel(PayloadIO.ReadStrings(reader))
            : throw new InvalidDataException($"Unsupported passthrough format version {version}.");
}
