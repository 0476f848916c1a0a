using Scalearn.Data.Tables;
using Scalearn.Execution.Wire;

namespace Scalearn.Jobs;

/// <summary>
/// Wire forms shared by the job kinds: partitions and reading options (tasks that read their own part of a shared
/// file), and table columns (kept columns travelling back with predictions). Every length is bounded on reading.
/// </summary>
internal static class JobWire
{
    public const int MaxColumns = 1 << 16;
    private const int MaxRows = 1 << 26;

    public static void Write(WireWriter writer, TablePartition p)
    {
        writer.String(p.Path);
        writer.Byte((byte)p.Format);
        writer.Int32(p.Index);
        writer.Int64(p.Start);
        writer.Int64(p.End);
        writer.Int64(p.FirstRow);
        writer.Int64(p.RowCount);
        writer.Int64(p.FirstLine);
        writer.Int64(p.FileLength);
        writer.Int64(p.LastWriteUtcTicks);
    }

    public static TablePartition ReadPartition(WireReader reader)
    {
        string path = reader.String(4096);
        byte format = reader.Byte();
        if (format > (byte)TableFormat.Parquet) throw new InvalidDataException($"Unknown table format {format}.");
        var p = new TablePartition
        {
            Path = path, Format = (TableFormat)format, Index = reader.Int32(0, int.MaxValue, "Partition index"),
            Start = reader.Int64(), End = reader.Int64(), FirstRow = reader.Int64(), RowCount = reader.Int64(),
            FirstLine = reader.Int64(), FileLength = reader.Int64(), LastWriteUtcTicks = reader.Int64(),
        };
        if (p.Start < 0 || p.End < p.Start || p.FirstRow < 0 || p.RowCount < 0 || p.RowCount > MaxRows || p.FileLength < 0)
            throw new InvalidDataException($"Partition {p.Index} of {path} has an impossible range.");
        return p;
    }

    public static void Write(WireWriter writer, TableOptions o)
    {
        writer.String(o.Target);
        writer.Strings(o.Passthrough);
        writer.String(o.Group);
        writer.Strings(o.Exclude);
        writer.Strings(o.TextColumns);
        writer.Bool(o.KeepTextColumns);
        writer.Bool(o.AllowMissing);
        writer.Byte((byte)o.OtherColumns);
        writer.Int32(o.InferRows);
        writer.String(o.Name);
    }

    public static TableOptions ReadOptions(WireReader reader)
    {
        var options = new TableOptions
        {
            Target = reader.NullableString(4096), Passthrough = reader.Strings(MaxColumns), Group = reader.NullableString(4096),
            Exclude = reader.Strings(MaxColumns), TextColumns = reader.Strings(MaxColumns), KeepTextColumns = reader.Bool(),
            AllowMissing = reader.Bool(),
        };
        byte other = reader.Byte();
        if (other is not ((byte)ColumnRole.Feature or (byte)ColumnRole.Passthrough)) throw new InvalidDataException($"Invalid role {other} for other columns.");
        return options with { OtherColumns = (ColumnRole)other, InferRows = reader.Int32(0, int.MaxValue, "InferRows"), Name = reader.NullableString(4096) };
    }

    public static void Write(WireWriter writer, IReadOnlyList<TableColumn> columns)
    {
        writer.Int32(columns.Count);
        foreach (var column in columns)
        {
            writer.String(column.Name);
            writer.Byte((byte)column.Kind);
            switch (column)
            {
                case DoubleColumn d: writer.Doubles(d.Values); break;
                case LongColumn l:
                    writer.Int32(l.Values.Length);
                    foreach (long v in l.Values) writer.Int64(v);
                    break;
                case StringColumn s:
                    writer.Int32(s.Values.Length);
                    foreach (var v in s.Values) writer.String(v);
                    break;
            }
        }
    }

    public static TableColumn[] ReadColumns(WireReader reader, int rows)
    {
        int count = reader.Int32(0, MaxColumns, "Column count");
        var columns = new TableColumn[count];
        for (int c = 0; c < count; c++)
        {
            string name = reader.String(4096);
            if (name.Length == 0) throw new InvalidDataException("A column has no name.");
            byte kind = reader.Byte();
            columns[c] = kind switch
            {
                (byte)ColumnKind.Double => new DoubleColumn(name, reader.Doubles(MaxRows)),
                (byte)ColumnKind.Long => new LongColumn(name, ReadLongs(reader)),
                (byte)ColumnKind.String => new StringColumn(name, ReadStrings(reader)),
                _ => throw new InvalidDataException($"Unknown column kind {kind}."),
            };
            if (columns[c].Count != rows) throw new InvalidDataException($"Column '{name}' has {columns[c].Count} values for {rows} rows.");
        }
        return columns;
    }

    private static long[] ReadLongs(WireReader reader)
    {
        int n = reader.Int32(0, reader.Remaining / 8, "Value count");
        var values = new long[n];
        for (int i = 0; i < n; i++) values[i] = reader.Int64();
        return values;
    }

    private static string?[] ReadStrings(WireReader reader)
    {
        int n = reader.Int32(0, reader.Remaining / 4, "Value count");
        var values = new string?[n];
        for (int i = 0; i < n; i++) values[i] = reader.NullableString(1 << 20);
        return values;
    }
}
