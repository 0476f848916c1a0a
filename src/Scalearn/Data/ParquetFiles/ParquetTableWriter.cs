using System.Globalization;
using Parquet;
using Parquet.Schema;
using Scalearn.Data.Tables;

namespace Scalearn.Data.ParquetFiles;

/// <summary>
/// Writes chunks to Parquet (Snappy), buffering rows until a row group is full: doubles as nullable DOUBLE (NaN, our
/// missing value, written as NULL as the CSV writer leaves the cell empty, so other engines see a missing value), longs
/// as INT64, strings as nullable UTF-8, or as DATE, TIMESTAMP or DECIMAL when the column's <see cref="TextType"/> says
/// it holds such values as a reader formatted them. Memory is one row group of values.
/// </summary>
internal sealed class ParquetTableWriter : ITableWriter
{
    private const long RowGroupBytes = 64L << 20;
    private readonly string _path;
    private readonly int? _rowGroupRows;
    private readonly FileStream _stream;
    private ParquetWriter? _writer;
    private ParquetSchema? _schema;
    private (string Name, ColumnKind Kind)[]? _columns;
    private Array[] _pending = [];
    private double?[] _nullable = [];
    private int _pendingRows, _groupRows;

    public ParquetTableWriter(string path, int? rowGroupRows)
    {
        _path = path;
        _rowGroupRows = rowGroupRows;
        _stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    public long RowsWritten { get; private set; }

    public void Write(IReadOnlyList<TableColumn> columns)
    {
        int rows = TableWriter.Check(columns, _columns, _path);
        if (_columns is null) Start(columns);
        int done = 0;
        while (done < rows)
        {
            int n = Math.Min(rows - done, _groupRows - _pendingRows);
            for (int c = 0; c < columns.Count; c++)
            {
                switch (columns[c])
                {
                    case DoubleColumn d: Array.Copy(d.Values, done, _pending[c], _pendingRows, n); break;
                    case LongColumn l: Array.Copy(l.Values, done, _pending[c], _pendingRows, n); break;
                    case StringColumn s: Array.Copy(s.Values, done, _pending[c], _pendingRows, n); break;
                }
            }
            _pendingRows += n;
            done += n;
            if (_pendingRows == _groupRows) WriteRowGroup();
        }
        RowsWritten += rows;
    }

    private void Start(IReadOnlyList<TableColumn> columns)
    {
        _columns = columns.Select(c => (c.Name, c.Kind)).ToArray();
        _schema = new ParquetSchema(columns.Select(c => c switch
        {
            DoubleColumn => (Field)new DataField<double?>(c.Name),
            LongColumn => new DataField<long>(c.Name),
            StringColumn { Type.Name: "DATE" } => new DataField<DateOnly?>(c.Name),
            StringColumn { Type.Name: "TIMESTAMP" or "TIMESTAMPTZ" } s =>
                new DateTimeDataField(c.Name, DateTimeFormat.Timestamp, s.Type.Name == "TIMESTAMPTZ", DateTimeTimeUnit.Micros, isNullable: true),
            StringColumn { Type: { Name: "DECIMAL" } t } => new DecimalDataField(c.Name, t.Precision, t.Scale, isNullable: true),
            _ => new DataField<string>(c.Name, nullable: true),
        }));
        long rowBytes = Math.Max(8, 8L * columns.Count);
        _groupRows = _rowGroupRows ?? (int)Math.Clamp(RowGroupBytes / rowBytes, 1024, 1 << 20);
        _pending = columns.Select(c => c.Kind switch
        {
            ColumnKind.Double => (Array)new double[_groupRows],
            ColumnKind.Long => new long[_groupRows],
            _ => new string?[_groupRows],
        }).ToArray();
        if (columns.Any(c => c.Kind == ColumnKind.Double)) _nullable = new double?[_groupRows];
        _writer = ParquetWriter.CreateAsync(_schema, _stream, new ParquetOptions(), append: false).GetAwaiter().GetResult();
    }

    private void WriteRowGroup()
    {
        if (_pendingRows == 0) return;
        using (var group = _writer!.CreateRowGroup())
        {
            var fields = _schema!.DataFields;
            for (int c = 0; c < fields.Length; c++)
            {
                var task = _pending[c] switch
                {
                    double[] d => group.WriteAsync<double>(fields[c], Nullable(d)),
                    long[] l => group.WriteAsync<long>(fields[c], l.AsMemory(0, _pendingRows)),
                    string?[] s => WriteText(group, fields[c], s),
                    _ => throw new InvalidOperationException(),
                };
                task.GetAwaiter().GetResult();
            }
            group.CompleteValidate();
        }
        _pendingRows = 0;
    }

    /// <summary>Text, or the typed values a reader formatted as text (parsed back from exactly that format).</summary>
    private Task WriteText(ParquetRowGroupWriter group, DataField field, string?[] values)
    {
        var text = new ArraySegment<string?>(values, 0, _pendingRows);
        return field switch
        {
            DecimalDataField => group.WriteAsync<decimal>(field, Parse(text, v => decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture))),
            DateTimeDataField => group.WriteAsync<DateTime>(field, Parse(text, ParseTimestamp)),
            _ when field.ClrType == typeof(DateOnly) =>
                group.WriteAsync<DateOnly>(field, Parse(text, v => DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture))),
            _ => group.WriteAsync(field, text),
        };
    }

    private static ReadOnlyMemory<T?> Parse<T>(ArraySegment<string?> text, Func<string, T> parse) where T : struct
    {
        var result = new T?[text.Count];
        for (int i = 0; i < result.Length; i++) result[i] = text[i] is { } v ? parse(v) : null;
        return result;
    }

    private static DateTime ParseTimestamp(string text)
    {
        bool utc = text.EndsWith("+00", StringComparison.Ordinal);
        var value = DateTime.ParseExact(utc ? text[..^3] : text, "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture, DateTimeStyles.None);
        return DateTime.SpecifyKind(value, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    private ReadOnlyMemory<double?> Nullable(double[] values)
    {
        for (int i = 0; i < _pendingRows; i++) _nullable[i] = double.IsNaN(values[i]) ? null : values[i];
        return _nullable.AsMemory(0, _pendingRows);
    }

    public void Dispose()
    {
        try
        {
            if (_writer is not null)
            {
                WriteRowGroup();
                _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            _stream.Dispose();
        }
    }
}
