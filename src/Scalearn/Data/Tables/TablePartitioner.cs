using Scalearn.Data.Csv;
using Scalearn.Data.ParquetFiles;

namespace Scalearn.Data.Tables;

/// <summary>Splits a CSV or Parquet file into partitions that separate processes read independently.</summary>
public static class TablePartitioner
{
    /// <summary>
    /// At most <paramref name="count"/> non-empty partitions of about equal size, in file order. CSV: byte ranges cut at
    /// the first record start after each equal share of bytes (one quote-aware scan of the file, at memory speed, makes
    /// every boundary and row number exact); Parquet: consecutive row groups balanced by rows (never more partitions
    /// than row groups).
    /// </summary>
    public static IReadOnlyList<TablePartition> Split(string path, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var format = TableFormats.Of(path);
        var (length, ticks) = TablePartition.Fingerprint(path);
        var ranges = format == TableFormat.Csv ? SplitCsv(path, count, cancellationToken) : ParquetTableReader.SplitRowGroups(path, count);
        var partitions = new List<TablePartition>();
        foreach (var r in ranges.Where(r => r.RowCount > 0))
        {
            partitions.Add(new TablePartition
            {
                Path = path, Format = format, Index = partitions.Count, Start = r.Start, End = r.End, FirstRow = r.FirstRow,
                RowCount = r.RowCount, FirstLine = r.FirstLine, FileLength = length, LastWriteUtcTicks = ticks,
            });
        }
        if (TablePartition.Fingerprint(path) != (length, ticks))
            throw new IOException($"{path} changed while it was being split; split it again.");
        return partitions;
    }

    private static List<PartitionRange> SplitCsv(string path, int count, CancellationToken cancellationToken)
    {
        long length = new FileInfo(path).Length;
        var targets = Enumerable.Range(1, count - 1).Select(k => (long)(length * (double)k / count)).ToArray();
        CsvScanResult scan;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            scan = CsvRecordScanner.Scan(stream, targets, cancellationToken);
        var cuts = new List<CsvRecordStart> { scan.DataStart };
        foreach (var start in scan.Starts) cuts.Add(start.Offset < scan.DataStart.Offset ? scan.DataStart : start);
        cuts.Add(new CsvRecordStart(scan.Length, scan.Records, 0));
        var ranges = new List<PartitionRange>();
        for (int k = 0; k + 1 < cuts.Count; k++)
        {
            var (from, to) = (cuts[k], cuts[k + 1]);
            ranges.Add(new PartitionRange(from.Offset, to.Offset, from.RecordsBefore - 1, to.RecordsBefore - from.RecordsBefore, from.Line));
        }
        return ranges;
    }
}

/// <summary>A partition before it gets its file's fingerprint.</summary>
internal readonly record struct PartitionRange(long Start, long End, long FirstRow, long RowCount, long FirstLine);
