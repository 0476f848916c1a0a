using System.Runtime.CompilerServices;

namespace Scalearn.Data;

/// <summary>
/// Splits RFC 4180 text into fields without allocating: unquoted fields are slices of the input, quoted fields are
/// slices too unless they contain escaped quotes (then a reused scratch buffer). A returned span is valid until the
/// next call.
/// <para>
/// Streamed input hands over one buffer at a time with <c>isFinal</c> false: a field that may continue past the end of
/// the buffer then sets <see cref="NeedMore"/> instead of being returned, and the caller refills and re-reads the
/// record from its start (<see cref="Position"/> and <see cref="Line"/> taken before the record).
/// </para>
/// </summary>
internal ref struct CsvTokenizer
{
    private readonly ReadOnlySpan<char> _text;
    private readonly string _source;
    private readonly bool _isFinal;
    private int _pos;
    private char[] _scratch;

    public CsvTokenizer(ReadOnlySpan<char> text, string source, long firstLine = 1, bool isFinal = true, char[]? scratch = null)
    {
        _text = text;
        _source = source;
        _isFinal = isFinal;
        _pos = 0;
        _scratch = scratch ?? [];
        Line = firstLine;
    }

    /// <summary>1-based physical line of the next unread character.</summary>
    public long Line { get; private set; }

    /// <summary>Characters consumed so far.</summary>
    public readonly int Position => _pos;

    /// <summary>The last field reached the end of a non-final buffer: refill and re-read the current record.</summary>
    public bool NeedMore { get; private set; }

    /// <summary>The scratch buffer, to hand to the next tokenizer so escaped fields do not reallocate it.</summary>
    public readonly char[] Scratch => _scratch;

    public readonly bool AtEnd => _pos >= _text.Length;

    /// <summary>The next record is an empty line.</summary>
    public readonly bool AtBlankLine => _pos < _text.Length && _text[_pos] is '\r' or '\n';

    /// <summary>Reads the next field of the current record; <paramref name="endOfRecord"/> is set when a line break or the end followed it.</summary>
    public ReadOnlySpan<char> NextField(out bool endOfRecord)
    {
        if (_pos < _text.Length && _text[_pos] == '"') return QuotedField(out endOfRecord);
        var rest = _text[_pos..];
        int i = IndexOfSeparator(rest);
        if (i < 0 || (!_isFinal && rest[i] == '\r' && _pos + i + 1 == _text.Length))
        {
            if (!_isFinal) return Incomplete(out endOfRecord);
            _pos = _text.Length;
            endOfRecord = true;
            return rest;
        }
        _pos += i;
        endOfRecord = ConsumeSeparator();
        return rest[..i];
    }

    /// <summary>
    /// Reads the next field in one pass when it is a plain decimal directly followed by a comma or "\n" inside the buffer;
    /// otherwise consumes nothing and returns false (the caller then uses <see cref="NextField"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryNextNumber(out double value, out bool endOfRecord)
    {
        var rest = _text[_pos..];
        int n = CsvNumber.ParsePlainPrefix(rest, out value);
        endOfRecord = false;
        if (n == 0 || n >= rest.Length) return false;
        char c = rest[n];
        if (c == ',')
        {
            _pos += n + 1;
            return true;
        }
        if (c != '\n') return false;
        _pos += n + 1;
        Line++;
        endOfRecord = true;
        return true;
    }

    /// <summary>Numeric cells are short, so a scalar scan beats the vectorized search's setup cost for the first characters.</summary>
    private static int IndexOfSeparator(ReadOnlySpan<char> rest)
    {
        int limit = Math.Min(rest.Length, 16);
        for (int i = 0; i < limit; i++)
            if (rest[i] is ',' or '\r' or '\n') return i;
        if (limit == rest.Length) return -1;
        int j = rest[limit..].IndexOfAny(',', '\r', '\n');
        return j < 0 ? -1 : limit + j;
    }

    private ReadOnlySpan<char> QuotedField(out bool endOfRecord)
    {
        long startLine = Line;
        int start = ++_pos;
        int segmentStart = start;
        int scratchLength = 0;
        bool escaped = false;
        while (true)
        {
            var rest = _text[_pos..];
            int q = rest.IndexOf('"');
            // The closing quote must be followed by a visible character (or the end of the input) to tell it from "".
            if (!_isFinal && (q < 0 || _pos + q + 2 >= _text.Length)) return Incomplete(out endOfRecord, startLine, start - 1);
            if (q < 0) throw new CsvFormatException(_source, startLine, "a quoted field is never closed");
            Line += rest[..q].Count('\n');
            _pos += q;
            if (_pos + 1 < _text.Length && _text[_pos + 1] == '"')
            {
                Append(_text[segmentStart..(_pos + 1)], ref scratchLength);
                _pos += 2;
                segmentStart = _pos;
                escaped = true;
                continue;
            }
            ReadOnlySpan<char> field;
            if (escaped)
            {
                Append(_text[segmentStart.._pos], ref scratchLength);
                field = _scratch.AsSpan(0, scratchLength);
            }
            else field = _text[start.._pos];
            _pos++;
            if (_pos < _text.Length && _text[_pos] is not (',' or '\r' or '\n'))
                throw new CsvFormatException(_source, Line, $"unexpected character '{_text[_pos]}' after the closing quote of a field");
            endOfRecord = ConsumeSeparator();
            return field;
        }
    }

    private ReadOnlySpan<char> Incomplete(out bool endOfRecord, long line = -1, int pos = -1)
    {
        if (line > 0) Line = line;
        if (pos >= 0) _pos = pos;
        NeedMore = true;
        endOfRecord = true;
        return default;
    }

    private void Append(ReadOnlySpan<char> part, ref int length)
    {
        if (length + part.Length > _scratch.Length)
            Array.Resize(ref _scratch, Math.Max(64, Math.Max(_scratch.Length * 2, length + part.Length)));
        part.CopyTo(_scratch.AsSpan(length));
        length += part.Length;
    }

    /// <summary>Consumes the comma or line break at the cursor; true when the record ended.</summary>
    private bool ConsumeSeparator()
    {
        if (_pos >= _text.Length) return true;
        char c = _text[_pos++];
        if (c == ',') return false;
        if (c == '\r' && _pos < _text.Length && _text[_pos] == '\n') _pos++;
        Line++;
        return true;
    }
}
