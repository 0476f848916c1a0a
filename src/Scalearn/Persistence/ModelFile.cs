using System.Buffers.Binary;
using System.Security.Cryptography;
using Scalearn.Estimators;

namespace Scalearn.Persistence;

/// <summary>
/// Saves and loads fitted models. Layout (little-endian):
/// magic "SCALEARN\0MODEL" | u16 container version | i32 header length | UTF-8 JSON header |
/// i64 payload length | payload | SHA-256 of everything before it.
/// Loading validates the container before reading anything, and only instantiates allow-listed model types.
/// </summary>
public static class ModelFile
{
    public const ushort ContainerVersion = 1;

    private static ReadOnlySpan<byte> Magic => "SCALEARN\0MODEL"u8;
    private const int HashLength = 32;
    private static int MinimumLength => Magic.Length + sizeof(ushort) + sizeof(int) + sizeof(long) + HashLength;

    /// <summary>Writes the model atomically: a temporary file in the same folder is renamed over <paramref name="path"/>.</summary>
    public static void Save(string path, IPersistableModel model, EstimatorSpec? spec = null, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var bytes = Serialize(model, spec, featureNames);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); }
            catch (IOException) { /* the original failure matters more than a leftover temp file */ }
            throw;
        }
    }

    public static void Save(Stream stream, IPersistableModel model, EstimatorSpec? spec = null, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Serialize(model, spec, featureNames));
    }

    public static LoadedModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        return Load(File.ReadAllBytes(path), path);
    }

    /// <param name="sourceName">Names the input in error messages.</param>
    public static LoadedModel Load(Stream stream, string sourceName = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.ToArray(), sourceName);
    }

    public static byte[] Serialize(IPersistableModel model, EstimatorSpec? spec = null, IReadOnlyList<string>? featureNames = null)
    {
        var entry = ModelFormats.ForModel(model);
        if (featureNames is not null && featureNames.Count != model.FeatureCount)
            throw new ArgumentException($"{featureNames.Count} feature names for a model with {model.FeatureCount} features.", nameof(featureNames));
        var schema = ModelSchema.For(model) is { } recorded && recorded.FeatureCount == model.FeatureCount ? recorded : null;
        var header = ModelFileHeader.Of(entry.Name, entry.Version, spec, schema, featureNames?.ToArray());
        return BuildContainer(header.ToUtf8(), ModelFormats.WritePayload(model), ContainerVersion);
    }

    /// <summary>Assembles a container around a header and payload (internal so tests can forge future or foreign contents).</summary>
    internal static byte[] BuildContainer(byte[] header, byte[] payload, ushort containerVersion)
    {
        int total = MinimumLength + header.Length + payload.Length;
        var bytes = new byte[total];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        int pos = Magic.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[pos..], containerVersion);
        pos += sizeof(ushort);
        BinaryPrimitives.WriteInt32LittleEndian(span[pos..], header.Length);
        pos += sizeof(int);
        header.CopyTo(span[pos..]);
        pos += header.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[pos..], payload.Length);
        pos += sizeof(long);
        payload.CopyTo(span[pos..]);
        pos += payload.Length;
        SHA256.HashData(span[..pos], span[pos..]);
        return bytes;
    }

    internal static byte[] BuildContainer(ModelFileHeader header, byte[] payload, ushort containerVersion = ContainerVersion) =>
        BuildContainer(header.ToUtf8(), payload, containerVersion);

    private static LoadedModel Load(byte[] bytes, string source)
    {
        var span = bytes.AsSpan();
        if (span.IsEmpty) throw new ModelFileException(source, "the file is empty, not a Scalearn model file");
        int magicLength = Math.Min(span.Length, Magic.Length);
        if (!span[..magicLength].SequenceEqual(Magic[..magicLength]))
            throw new ModelFileException(source, "not a Scalearn model file (unrecognized leading bytes)");
        if (span.Length < MinimumLength)
            throw new ModelFileException(source, $"the file is truncated ({span.Length} bytes; a model file has at least {MinimumLength})");

        int pos = Magic.Length;
        ushort containerVersion = BinaryPrimitives.ReadUInt16LittleEndian(span[pos..]);
        pos += sizeof(ushort);
        if (containerVersion > ContainerVersion)
            throw new ModelFileException(source,
                $"container version {containerVersion} is not supported (this library reads up to version {ContainerVersion}); it was written by a newer Scalearn");
        if (containerVersion == 0) throw new ModelFileException(source, "invalid container version 0; the file is corrupt");

        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(span[pos..]);
        pos += sizeof(int);
        if (headerLength < 0) throw new ModelFileException(source, "the file is corrupt (negative header length)");
        long payloadOffset = (long)pos + headerLength + sizeof(long);
        if (payloadOffset + HashLength > span.Length)
            throw new ModelFileException(source, $"the file is truncated (header of {headerLength} bytes runs past the end of the {span.Length}-byte file)");
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(span[(int)(payloadOffset - sizeof(long))..]);
        if (payloadLength < 0) throw new ModelFileException(source, "the file is corrupt (negative payload length)");
        long expectedLength = payloadOffset + payloadLength + HashLength;
        if (expectedLength > span.Length)
            throw new ModelFileException(source, $"the file is truncated (expected {expectedLength} bytes, found {span.Length})");
        if (expectedLength < span.Length)
            throw new ModelFileException(source, $"the file is corrupt ({span.Length - expectedLength} unexpected bytes after the checksum)");

        int hashOffset = (int)(expectedLength - HashLength);
        Span<byte> hash = stackalloc byte[HashLength];
        SHA256.HashData(span[..hashOffset], hash);
        if (!hash.SequenceEqual(span[hashOffset..]))
            throw new ModelFileException(source, "the file is corrupt (checksum mismatch)");

        try
        {
            var header = ModelFileHeader.Parse(span.Slice(pos, headerLength));
            var model = ModelFormats.ReadPayload(header.Format, header.FormatVersion, bytes, (int)payloadOffset, (int)payloadLength);
            if (header.FeatureNames is not null && header.FeatureNames.Count != model.FeatureCount)
                throw new InvalidDataException($"the header lists {header.FeatureNames.Count} feature names for a model with {model.FeatureCount} features");
            ModelSchema? schema;
            try { schema = header.Schema(model.FeatureCount); }
            catch (ArgumentException e) { throw new InvalidDataException($"the header's columns are not valid: {e.Message}", e); }
            if (schema is not null) ModelSchema.Record(model, schema);
            return new LoadedModel
            {
                Model = model,
                Spec = header.Spec,
                FeatureNames = header.FeatureNames,
                Format = header.Format,
                FormatVersion = header.FormatVersion,
                Created = header.Created,
                LibraryVersion = header.LibraryVersion,
            };
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException(source, e.Message, e);
        }
    }
}
