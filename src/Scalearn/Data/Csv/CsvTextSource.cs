using System.Text;

namespace Scalearn.Data.Csv;

/// <summary>
/// A window of decoded CSV text over a byte range of a stream (or over a <see cref="TextReader"/>): records are
/// tokenized in place and the window slides forward, so memory stays at one buffer whatever the file size. A record
/// longer than the buffer doubles it.
/// </summary>
internal sealed class CsvTextSource : IDisposable
{
    private const int ByteBlock = 1 << 16;
    private readonly Stream? _stream;
    private readonly TextReader? _reader;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly byte[] _bytes;
    private long _bytesLeft;
    private bool _stripBom;
    private char[] _chars;
    private int _start, _end;

    /// <param name="length">Bytes to read from the stream's current position (-1: to its end).</param>
    /// <param name="atFileStart">Strip a UTF-8 byte order mark.</param>
    /// <param name="buffers">The buffers of an earlier source to reuse (<see cref="Buffers"/>), for one reader opening many ranges.</param>
    public CsvTextSource(Stream stream, string sourceName, long length = -1, bool atFileStart = true, long firstLine = 1, int bufferChars = 1 << 18,
        (char[] Chars, byte[] Bytes)? buffers = null)
        : this(sourceName, firstLine, buffers is { } b ? 0 : bufferChars)
    {
        _stream = stream;
        _bytes = buffers?.Bytes ?? new byte[ByteBlock];
        if (buffers is { } reused) _chars = reused.Chars;
        _bytesLeft = length < 0 ? long.MaxValue : length;
        _stripBom = atFileStart;
    }

    public CsvTextSource(TextReader reader, string sourceName, int bufferChars = 1 << 16) : this(sourceName, 1, bufferChars)
    {
        _reader = reader;
        _bytes = [];
        _stripBom = true;
    }

    private CsvTextSource(string sourceName, long firstLine, int bufferChars)
    {
        SourceName = sourceName;
        Line = firstLine;
        _chars = bufferChars == 0 ? [] : new char[Math.Max(bufferChars, 16)];
        _bytes = [];
    }

    public string SourceName { get; }

    /// <summary>The text and byte buffers, to hand to the next source once this one is done.</summary>
    public (char[] Chars, byte[] Bytes) Buffers => (_chars, _bytes);

    /// <summary>1-based physical line of the first unconsumed character.</summary>
    public long Line { get; private set; }

    /// <summary>No more input beyond the buffered text.</summary>
    public bool IsFinal { get; private set; }

    public bool IsEmpty => _start == _end;

    /// <summary>
    /// For a byte range inside a file: whether only whitespace follows the range in the file (a blank line at the end of
    /// a partition is fine only when no data follows it).
    /// </summary>
    public Func<bool>? RestIsWhitespace { get; init; }

    /// <summary>Reused scratch of the tokenizers over this source (escaped quoted fields).</summary>
    public char[] Scratch { get; set; } = [];

    public CsvTokenizer Tokenizer() => new(_chars.AsSpan(_start, _end - _start), SourceName, Line, IsFinal, Scratch);

    /// <summary>Marks <paramref name="chars"/> characters as consumed; <paramref name="line"/> is the line after them.</summary>
    public void Advance(int chars, long line)
    {
        _start += chars;
        Line = line;
    }

    /// <summary>Reads more input behind the unconsumed text; false once the input is exhausted.</summary>
    public bool Fill()
    {
        if (IsFinal) return false;
        if (_start > 0)
        {
            _chars.AsSpan(_start, _end - _start).CopyTo(_chars);
            _end -= _start;
            _start = 0;
        }
        if (_chars.Length - _end < _chars.Length / 4) Array.Resize(ref _chars, _chars.Length * 2);
        int before = _end;
        if (_reader is not null)
        {
            int n = _reader.Read(_chars, _end, _chars.Length - _end);
            if (n == 0) IsFinal = true;
            _end += n;
        }
        else FillFromStream();
        if (_stripBom && _end > before)
        {
            _stripBom = false;
            if (_chars[0] == '\uFEFF') _start = 1;
        }
        return true;
    }

    private void FillFromStream()
    {
        // Stop before the last few free chars: a multi-byte sequence split across blocks may decode late.
        int room = _chars.Length - _end - 4;
        int want = (int)Math.Min(Math.Min(_bytes.Length, room), _bytesLeft);
        int n = want <= 0 ? 0 : _stream!.Read(_bytes, 0, want);
        _bytesLeft -= n;
        bool last = n == 0 || _bytesLeft == 0;
        _end += _decoder.GetChars(_bytes, 0, n, _chars, _end, flush: last);
        if (last) IsFinal = true;
    }

    /// <summary>
    /// At a blank line: true when only whitespace follows up to the end of the input (consuming it), false at the first
    /// other character.
    /// </summary>
    public bool OnlyWhitespaceRemains()
    {
        while (true)
        {
            if (!_chars.AsSpan(_start, _end - _start).IsWhiteSpace()) return false;
            _start = _end;
            if (!Fill()) return RestIsWhitespace?.Invoke() ?? true;
        }
    }

    public void Dispose()
    {
        _stream?.Dispose();
        _reader?.Dispose();
    }
}
