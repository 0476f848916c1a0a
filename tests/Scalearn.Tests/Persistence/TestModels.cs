using Scalearn.Persistence;

namespace Scalearn.Tests.Persistence;

/// <summary>Small persistable models for container tests (real models come from the estimator areas).</summary>
[ModelFormat("test-centroid", 2)]
internal sealed class CentroidTestModel(double[] centroid, string label) : IPersistableModel<CentroidTestModel>
{
    public double[] Centroid { get; } = centroid;

    /// <summary>Added in format version 2; version 1 files read back with an empty label.</summary>
    public string Label { get; } = label;

    public int FeatureCount => Centroid.Length;

    public void WritePayload(BinaryWriter writer)
    {
        writer.Write(Centroid.Length);
        foreach (var v in Centroid) writer.Write(v);
        writer.Write(Label);
    }

    public static CentroidTestModel ReadPayload(BinaryReader reader, int version)
    {
        int n = reader.ReadInt32();
        if (n < 0 || n > 1_000_000) throw new InvalidDataException($"invalid centroid length {n}");
        var centroid = new double[n];
        for (int i = 0; i < n; i++)
        {
            centroid[i] = reader.ReadDouble();
            if (!double.IsFinite(centroid[i])) throw new InvalidDataException($"centroid value {i} is not finite");
        }
        return new CentroidTestModel(centroid, version >= 2 ? reader.ReadString() : "");
    }
}

[ModelFormat("test-pair", 1)]
internal sealed class PairTestModel(IPersistableModel first, IPersistableModel second) : IPersistableModel<PairTestModel>
{
    public IPersistableModel First { get; } = first;
    public IPersistableModel Second { get; } = second;
    public int FeatureCount => First.FeatureCount;

    public void WritePayload(BinaryWriter writer)
    {
        ModelPayload.Write(writer, First);
        ModelPayload.Write(writer, Second);
    }

    public static PairTestModel ReadPayload(BinaryReader reader, int version) =>
        new(ModelPayload.Read(reader), ModelPayload.Read(reader));
}

/// <summary>Has the attribute but is never registered: must not be saved or loaded.</summary>
[ModelFormat("test-unregistered", 1)]
internal sealed class UnregisteredTestModel : IPersistableModel<UnregisteredTestModel>
{
    public int FeatureCount => 1;
    public void WritePayload(BinaryWriter writer) { }
    public static UnregisteredTestModel ReadPayload(BinaryReader reader, int version) => new();
}

internal static class TestModels
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        ModelFormats.Register<CentroidTestModel>();
        ModelFormats.Register<PairTestModel>();
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;

    public static CentroidTestModel Centroid(params double[] values) => new(values, "label ü");
}
