using Scalearn.Estimators;

namespace Scalearn.Persistence;

/// <summary>
/// A fitted model that can be written to a model file. Implementations also provide a static reader
/// (<see cref="IPersistableModel{TSelf}"/>) and a <see cref="ModelFormatAttribute"/>, which puts them on the
/// allow-list of types a model file may contain.
/// </summary>
public interface IPersistableModel : IModel
{
    void WritePayload(BinaryWriter writer);
}

public interface IPersistableModel<TSelf> : IPersistableModel where TSelf : IPersistableModel<TSelf>
{
    /// <summary>Reads what <see cref="IPersistableModel.WritePayload"/> wrote for the given format version.</summary>
    static abstract TSelf ReadPayload(BinaryReader reader, int version);
}

/// <summary>Names a model's on-disk format and its current version.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ModelFormatAttribute(string name, int version) : Attribute
{
    public string Name { get; } = name;
    public int Version { get; } = version;
}
