using System.Text;

namespace Scalearn.Data.Csv;

/// <summary>CSV text that can be opened more than once (schema sample, then data): a file, or text already in memory.</summary>
internal sealed class CsvInput
{
    private readonly string? _path;
    private readonly string? _text;

    private CsvInput(string name, string? path, string? text)
    {
        Name = name;
        _path = path;
        _text = text;
    }

    public static CsvInput File(string path)
    {
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"CSV file not found: {path}", path);
        return new CsvInput(path, path, null);
    }

    public static CsvInput Text(string text, string name) => new(name, null, text);

    /// <summary>Names the input in error messages.</summary>
    public string Name { get; }

    public string? Path => _path;

    /// <summary>Opens the input from its start.</summary>
    public CsvTextSource Open() =>
        _path is null
            ? new CsvTextSource(new StringReader(_text!), Name, Math.Min(1 << 16, _text!.Length + 16))
            : new CsvTextSource(OpenFile(), Name);

    /// <summary>Opens the bytes [start, end) of the file; <paramref name="firstLine"/> is the line at <paramref name="start"/>.</summary>
    /// <param name="buffers">Buffers of a source opened before (<see cref="CsvTextSource.Buffers"/>) to reuse.</param>
    public CsvTextSource Open(long start, long end, long firstLine, (char[] Chars, byte[] Bytes)? buffers = null)
    {
        if (_path is null) throw new InvalidOperationException("Only a file can be read by byte range.");
        var stream = OpenFile();
        stream.Position = start;
        return new CsvTextSource(stream, Name, end - start, atFileStart: start == 0, firstLine, buffers: buffers)
        {
            RestIsWhitespace = () => RestIsWhitespace(end),
        };
    }

    /// <summary>Data rows (records after the header): exact for a file (one quote-aware scan), an upper bound for text.</summary>
    public long CountDataRows()
    {
        if (_path is null) return _text!.AsSpan().Count('\n') + 1;
        using var stream = OpenFile();
        return Math.Max(0, CsvRecordScanner.Scan(stream).Records - 1);
    }

    private bool RestIsWhitespace(long offset)
    {
        using var stream = OpenFile();
        stream.Position = offset;
        var buffer = new byte[1 << 16];
        int n;
        while ((n = stream.Read(buffer)) > 0)
            if (!Encoding.UTF8.GetString(buffer, 0, n).AsSpan().IsWhiteSpace()) return false;
        return true;
    }

    private FileStream OpenFile() =>
        new(_path!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
}
