using Scalearn.Execution.Blobs;
using Scalearn.Execution.Wire;

namespace Scalearn.Data;

/// <summary>
/// A <see cref="Dataset"/> as a shared input: a small header (shape, names), then the raw feature values, the target and
/// the text columns, read by ranges straight from the dataset's arrays. Its id is the dataset's content hash.
/// </summary>
public sealed class DatasetBlob : IBlob
{
    internal const uint Magic = 0x53444C53; // "SLDS"
    internal const byte Version = 2;

    private readonly BlobSections _sections;

    public DatasetBlob(Dataset data)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        var text = new WireWriter();
        text.Int32(data.TextColumns.Count);
        foreach (var (column, values) in data.TextColumns.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.String(column);
            foreach (var v in values) text.String(v);
        }
        var header = new WireWriter();
        header.Byte(Version);
        header.Int32(data.Count);
        header.Int32(data.FeatureCount);
        header.String(data.TargetName);
        header.String(data.Name);
        header.Strings(data.FeatureNames);
        header.Bool(data.Y is not null);
        header.Int64(text.Length);
        _sections = new BlobSections().Bytes(BlobPrefix.Write(Magic, header.Length)).Bytes(header.ToArray()).Array(data.X.Values);
        if (data.Y is not null) _sections.Array(data.Y);
        _sections.Bytes(text.ToArray());
    }

    public Dataset Data { get; }
    public string Id => Data.ContentHash;
    public string Format => DatasetFormat.FormatName;
    public long Length => _sections.Length;
    public object Value => Data;

    public void Read(long offset, Span<byte> destination) => _sections.Read(offset, destination);
}

/// <summary>Decodes a <see cref="DatasetBlob"/> as it streams in, checking every length first and the content hash last.</summary>
[RegisteredBlobFormat]
public sealed class DatasetFormat : BlobFormat
{
    public const string FormatName = "dataset";

    public override string Name => FormatName;

    public override async ValueTask<(object Value, long Bytes)> DecodeAsync(Stream content, long length, string id, CancellationToken ct)
    {
        try
        {
            var (header, headerLength) = await BlobPrefix.ReadAsync(content, length, DatasetBlob.Magic, "dataset", ct).ConfigureAwait(false);
            if (header.Byte() != DatasetBlob.Version) throw new InvalidDataException("Unsupported dataset blob version.");
            int rows = header.Int32(0, int.MaxValue, "Row count"), cols = header.Int32(0, int.MaxValue, "Column count");
            string targetName = header.String();
            string? name = header.NullableString();
            var names = header.Strings(cols);
            if (names.Length != cols) throw new InvalidDataException($"Dataset blob has {names.Length} names for {cols} columns.");
            bool hasY = header.Bool();
            long textLength = header.Int64();
            header.End();
            long cells = (long)rows * cols;
            long expected = 8 + headerLength + cells * 8 + (hasY ? rows * 8L : 0) + textLength;
            if (textLength < 0 || expected != length)
                throw new InvalidDataException($"Dataset blob of {length} bytes does not match its declared shape {rows}x{cols} ({expected} bytes).");
            var values = await BlobStreams.ReadArrayAsync<double>(content, cells, ct).ConfigureAwait(false);
            var y = hasY ? await BlobStreams.ReadArrayAsync<double>(content, rows, ct).ConfigureAwait(false) : null;
            var text = new WireReader(await BlobStreams.ReadBytesAsync(content, textLength, ct).ConfigureAwait(false));
            int textCount = text.Int32(0, text.Remaining / 4, "Text column count");
            var columns = new Dictionary<string, string[]>();
            for (int c = 0; c < textCount; c++)
            {
                string column = text.String();
                var columnValues = new string[rows];
                for (int i = 0; i < rows; i++) columnValues[i] = text.NullableString()!;
                columns[column] = columnValues;
            }
            text.End();
            var data = new Dataset(new Matrix(values, rows, cols), y, names, targetName, name, columns);
            if (data.ContentHash != id)
                throw new InvalidDataException($"Dataset blob hashes to {data.ContentHash[..12]}..., not the requested {id[..Math.Min(12, id.Length)]}...");
            return (data, length);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Dataset blob is truncated.", e);
        }
    }
}
