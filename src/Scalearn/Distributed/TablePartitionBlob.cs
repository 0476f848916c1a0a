using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Execution.Blobs;

namespace Scalearn.Distributed;

/// <summary>
/// A partition of a CSV or Parquet file as a shared input: what travels is only its descriptor (path, byte range or row
/// groups, the file's length and write time, the column options), and the rows are read where the task runs. Its id
/// hashes the descriptor, so a worker reads a partition once and keeps it; a file that changed since it was split is
/// refused when read.
/// </summary>
public sealed class TablePartitionBlob : IBlob
{
    private readonly byte[] _descriptor;
    private readonly Lazy<string> _id;

    public TablePartitionBlob(TablePartition partition, TableOptions? options = null)
    {
        Partition = partition ?? throw new ArgumentNullException(nameof(partition));
        Options = options ?? TableOptions.Default;
        _descriptor = JsonSerializer.SerializeToUtf8Bytes(new TablePartitionDescriptor(Partition, Options), TablePartitionDescriptor.Json);
        _id = new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(_descriptor)));
        Value = new TablePartitionSource(Partition, Options);
    }

    public TablePartition Partition { get; }
    public TableOptions Options { get; }

    public string Id => _id.Value;
    public string Format => TablePartitionFormat.FormatName;
    public long Length => _descriptor.LongLength;

    /// <summary>A <see cref="TablePartitionSource"/> that reads the rows in this process.</summary>
    public object Value { get; }

    public void Read(long offset, Span<byte> destination) => _descriptor.AsSpan(checked((int)offset), destination.Length).CopyTo(destination);
}

/// <summary>Reads one file partition's rows into a dataset.</summary>
public sealed class TablePartitionSource(TablePartition partition, TableOptions options) : IPartitionSource
{
    public TablePartition Partition { get; } = partition;
    public TableOptions Options { get; } = options;

    public Dataset Load(CancellationToken cancellationToken)
    {
        if (Partition.RowCount > int.MaxValue) throw new InvalidDataException($"{Partition} has {Partition.RowCount} rows; split the file into more partitions.");
        cancellationToken.ThrowIfCancellationRequested();
        using var reader = TableReader.Open(Partition, Options);
        var chunk = reader.Read(Math.Max(1, (int)Partition.RowCount));
        if (chunk is null || chunk.Count != Partition.RowCount || reader.Read(1) is not null)
            throw new InvalidDataException($"{Partition}: read {chunk?.Count ?? 0} rows where the split counted {Partition.RowCount}.");
        return chunk.Data;
    }

    public override string ToString() => Partition.ToString();
}

/// <summary>
/// Decodes a <see cref="TablePartitionBlob"/> on a worker: checks the descriptor's hash and that its file lies under a
/// directory the worker may read (SCALEARN_DATA_DIRS), and yields the source; the rows are read by the first task.
/// </summary>
[RegisteredBlobFormat]
public sealed class TablePartitionFormat : BlobFormat
{
    public const string FormatName = "table-partition";
    private const int MaxDescriptorBytes = 1 << 20;

    public override string Name => FormatName;

    public override async ValueTask<(object Value, long Bytes)> DecodeAsync(Stream content, long length, string id, CancellationToken ct)
    {
        if (length is < 2 or > MaxDescriptorBytes) throw new InvalidDataException($"A table partition descriptor of {length} bytes is not plausible.");
        var bytes = await BlobStreams.ReadBytesAsync(content, length, ct).ConfigureAwait(false);
        string actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != id) throw new InvalidDataException($"Table partition descriptor hashes to {actual[..12]}..., not the requested {id[..Math.Min(12, id.Length)]}...");
        TablePartitionDescriptor descriptor;
        try
        {
            descriptor = JsonSerializer.Deserialize<TablePartitionDescriptor>(bytes, TablePartitionDescriptor.Json)
                ?? throw new InvalidDataException("Empty table partition descriptor.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("Malformed table partition descriptor: " + e.Message, e);
        }
        DataDirectories.Require(descriptor.Partition.Path);
        return (new TablePartitionSource(descriptor.Partition, descriptor.Options), length);
    }
}

internal sealed record TablePartitionDescriptor(TablePartition Partition, TableOptions Options)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        RespectNullableAnnotations = true,
    };
}
