namespace Scalearn.Data.Tables;

/// <summary>
/// A slice of a CSV or Parquet file that any process can open and read on its own with
/// <see cref="TableReader.Open(TablePartition, TableOptions?)"/>: small, plain data (serializes as JSON as it is).
/// <para>
/// CSV: the bytes [<see cref="Start"/>, <see cref="End"/>), both record starts found by one quote-aware scan when the
/// file was split, so quoted line breaks are handled and <see cref="FirstRow"/> and <see cref="FirstLine"/> are exact;
/// errors name the file's own line numbers. Parquet: the row groups [Start, End).
/// </para>
/// The file's length and last write time are recorded; opening a partition of a file that changed since is refused.
/// </summary>
public sealed record TablePartition
{
    public required string Path { get; init; }
    public required TableFormat Format { get; init; }

    /// <summary>0-based position among the file's partitions.</summary>
    public required int Index { get; init; }

    /// <summary>CSV: first byte; Parquet: first row group.</summary>
    public required long Start { get; init; }

    /// <summary>CSV: byte after the last; Parquet: row group after the last.</summary>
    public required long End { get; init; }

    /// <summary>0-based index of the partition's first row among the file's data rows.</summary>
    public required long FirstRow { get; init; }

    /// <summary>Data rows in the partition.</summary>
    public required long RowCount { get; init; }

    /// <summary>CSV: 1-based physical line of the first row (the header is line 1); Parquet: 0.</summary>
    public long FirstLine { get; init; }

    public required long FileLength { get; init; }
    public required long LastWriteUtcTicks { get; init; }

    internal static (long Length, long Ticks) Fingerprint(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"Data file not found: {path}", path);
        return (info.Length, info.LastWriteTimeUtc.Ticks);
    }

    internal void CheckUnchanged()
    {
        var (length, ticks) = Fingerprint(Path);
        if (length != FileLength || ticks != LastWriteUtcTicks)
            throw new IOException(
                $"{Path} changed since it was partitioned (length {FileLength} -> {length}, last write " +
                $"{new DateTime(LastWriteUtcTicks, DateTimeKind.Utc):O} -> {new DateTime(ticks, DateTimeKind.Utc):O}); split it again.");
    }

    public override string ToString() =>
        $"{Path} partition {Index} ({(Format == TableFormat.Csv ? "bytes" : "row groups")} {Start}-{End}, rows {FirstRow}-{FirstRow + RowCount - 1})";
}
