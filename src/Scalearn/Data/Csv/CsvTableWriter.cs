using System.Globalization;
using System.Text;
using Scalearn.Data.Tables;

namespace Scalearn.Data.Csv;

/// <summary>
/// Writes chunks as RFC 4180 CSV (UTF-8, no BOM, "\n" line ends): doubles in round-trip ("R") invariant form with
/// missing values (NaN) as empty cells, longs in invariant form, strings quoted when they hold a comma, a quote or a
/// line break. Rows are formatted into one reused character buffer.
/// </summary>
internal sealed class CsvTableWriter : ITableWriter
{
    private readonly string _path;
    private readonly StreamWriter _writer;
    private char[] _buffer = new char[1 << 16];
    private int _length;
    private (string Name, ColumnKind Kind)[]? _columns;

    public CsvTableWriter(string path)
    {
        _path = path;
        _writer = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16),
            new UTF8Encoding(false), 1 << 16);
    }

    public long RowsWritten { get; private set; }

    public void Write(IReadOnlyList<TableColumn> columns)
    {
        int rows = TableWriter.Check(columns, _columns, _path);
        if (_columns is null)
        {
            _columns = columns.Select(c => (c.Name, c.Kind)).ToArray();
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0) Append(',');
                AppendText(columns[c].Name);
            }
            Append('\n');
        }
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns.Count; c++)
            {
                if (c > 0) Append(',');
                switch (columns[c])
                {
                    case DoubleColumn d:
                        double v = d.Values[r];
                        if (!double.IsNaN(v)) AppendNumber(v);
                        break;
                    case LongColumn l: AppendNumber(l.Values[r]); break;
                    case StringColumn s: AppendText(s.Values[r]); break;
                }
            }
            Append('\n');
            if (_length > _buffer.Length / 2) Flush();
        }
        RowsWritten += rows;
    }

    private void AppendNumber<T>(T value) where T : ISpanFormattable
    {
        Reserve(32);
        if (!value.TryFormat(_buffer.AsSpan(_length), out int written, typeof(T) == typeof(double) ? "R" : default, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"Cannot format {value}.");
        _length += written;
    }

    private void AppendText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Reserve(text.Length);
            text.CopyTo(_buffer.AsSpan(_length));
            _length += text.Length;
            return;
        }
        Reserve(text.Length * 2 + 2);
        _buffer[_length++] = '"';
        foreach (char ch in text)
        {
            if (ch == '"') _buffer[_length++] = '"';
            _buffer[_length++] = ch;
        }
        _buffer[_length++] = '"';
    }

    private void Append(char ch)
    {
        Reserve(1);
        _buffer[_length++] = ch;
    }

    private void Reserve(int chars)
    {
        if (_length + chars <= _buffer.Length) return;
        Flush();
        if (chars > _buffer.Length) _buffer = new char[chars * 2];
    }

    private void Flush()
    {
        _writer.Write(_buffer, 0, _length);
        _length = 0;
    }

    public void Dispose()
    {
        Flush();
        _writer.Dispose();
    }
}
