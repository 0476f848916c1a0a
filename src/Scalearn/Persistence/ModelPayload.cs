namespace Scalearn.Persistence;

/// <summary>
/// Writes and reads a model inside another model's payload (pipeline steps, ensemble members): format name, format
/// version and the length-prefixed payload, so the inner reader cannot run past its own bytes.
/// </summary>
public static class ModelPayload
{
    public static void Write(BinaryWriter writer, IPersistableModel model)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var entry = ModelFormats.ForModel(model);
        var payload = ModelFormats.WritePayload(model);
        writer.Write(entry.Name);
        writer.Write(entry.Version);
        writer.Write(payload.Length);
        writer.Write(payload);
    }

    /// <summary>Reads a nested model; throws <see cref="InvalidDataException"/> when it is malformed, unknown or too new.</summary>
    public static IPersistableModel Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string name = reader.ReadString();
        int version = reader.ReadInt32();
        int length = reader.ReadInt32();
        if (length < 0) throw new InvalidDataException($"nested '{name}' payload has a negative length");
        var stream = reader.BaseStream;
        if (stream.CanSeek && length > stream.Length - stream.Position)
            throw new InvalidDataException($"nested '{name}' payload claims {length} bytes but only {stream.Length - stream.Position} remain");
        var payload = reader.ReadBytes(length);
        if (payload.Length != length) throw new EndOfStreamException($"nested '{name}' payload is cut short");
        return ModelFormats.ReadPayload(name, version, payload, 0, length);
    }

    /// <summary>Reads a nested model that must be of type <typeparamref name="T"/>.</summary>
    public static T Read<T>(BinaryReader reader) where T : class
    {
        var model = Read(reader);
        return model as T ?? throw new InvalidDataException($"expected a nested {typeof(T).Name}, found {model.GetType().Name}");
    }
}
