namespace Scalearn.Data.Csv;

/// <summary>
/// One quote-aware pass over the bytes of a CSV file that finds where records start, with the same rules as
/// <see cref="CsvTokenizer"/> (a field is quoted when it starts with a quote; line breaks inside quotes belong to the
/// field). It counts records and physical lines and, for partitioning, reports the first record start at or after each
/// requested byte offset. It only searches for quotes and line breaks (vectorized), so it runs at memory speed.
/// </summary>
internal sealed class CsvRecordScanner
{
    private readonly long[] _targets;
    private readonly long _cutEvery;
    private readonly Action<CsvRecordStart>? _onCut;
    private readonly List<CsvRecordStart> _starts = [];
    private long _nextCut;
    private int _nextTarget;
    private long _records;
    private long _lines = 1;
    private bool _inQuotes;
    private bool _atRecordStart = true;
    private byte _prev = (byte)'\n';
    private CsvRecordStart? _dataStart;

    private CsvRecordScanner(long[] targets, long cutEvery, Action<CsvRecordStart>? onCut)
    {
        _targets = targets;
        _cutEvery = cutEvery;
        _onCut = onCut;
    }

    /// <summary>Scans a whole stream from its current position (taken as the file start).</summary>
    /// <param name="targets">Ascending byte offsets; for each, the first record start at or after it is reported.</param>
    /// <param name="cutEvery">
    /// With <paramref name="onCut"/>: reports, as the scan reaches them, the line start where the data begins and the
    /// line start after every <paramref name="cutEvery"/> further data records (a blank line there included, so a chunk's
    /// byte range holds exactly its records): the boundaries of consecutive chunks of that many rows.
    /// </param>
    public static CsvScanResult Scan(Stream stream, long[]? targets = null, CancellationToken cancellationToken = default,
        long cutEvery = 0, Action<CsvRecordStart>? onCut = null)
    {
        if (onCut is not null) ArgumentOutOfRangeException.ThrowIfLessThan(cutEvery, 1);
        var scanner = new CsvRecordScanner(targets ?? [], cutEvery, onCut);
        var buffer = new byte[1 << 20];
        int carried = 0;
        long blockStart = 0;
        // A byte order mark is not part of the first field (the tokenizer never sees it).
        if (stream.ReadAtLeast(buffer.AsSpan(0, 3), 3, throwOnEndOfStream: false) is var first && first == 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) blockStart = 3;
        else carried = first;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read = stream.Read(buffer, carried, buffer.Length - carried);
            int n = carried + read;
            bool end = read == 0;
            int done = scanner.ScanBlock(buffer.AsSpan(0, n), blockStart, end);
            if (end) break;
            if (done > 0) scanner._prev = buffer[done - 1];
            carried = n - done;
            buffer.AsSpan(done, carried).CopyTo(buffer);
            blockStart += done;
        }
        long length = blockStart + carried;
        while (scanner._nextTarget < scanner._targets.Length)
        {
            scanner._starts.Add(new CsvRecordStart(length, scanner._records, scanner._lines));
            scanner._nextTarget++;
        }
        return new CsvScanResult(scanner._records, scanner._starts,
            scanner._dataStart ?? new CsvRecordStart(length, scanner._records, scanner._lines), length);
    }

    /// <summary>Scans the block; returns how many bytes were consumed (the rest needs the next block for look-ahead).</summary>
    private int ScanBlock(ReadOnlySpan<byte> b, long blockStart, bool end)
    {
        int n = b.Length;
        int limit = end ? n : n - 1;
        int i = 0;
        while (i < limit)
        {
            if (_atRecordStart)
            {
                _atRecordStart = false;
                OnRecordStart(blockStart + i, b[i]);
            }
            if (_inQuotes)
            {
                int q = b[i..n].IndexOf((byte)'"');
                if (q < 0)
                {
                    _lines += b[i..n].Count((byte)'\n');
                    return n;
                }
                int p = i + q;
                _lines += b[i..p].Count((byte)'\n');
                if (p >= limit) return p;
                if (p + 1 < n && b[p + 1] == '"') i = p + 2;
                else
                {
                    _inQuotes = false;
                    i = p + 1;
                }
                continue;
            }
            int j = b[i..n].IndexOfAny((byte)'"', (byte)'\n', (byte)'\r');
            if (j < 0) return end ? n : limit;
            int at = i + j;
            if (at >= limit) return at;
            byte c = b[at];
            if (c == '"')
            {
                byte before = at > 0 ? b[at - 1] : _prev;
                if (before is (byte)',' or (byte)'\n' or (byte)'\r') _inQuotes = true;
                i = at + 1;
            }
            else if (c == '\r' && at + 1 < n && b[at + 1] == '\n') i = at + 1;
            else
            {
                _lines++;
                _atRecordStart = true;
                i = at + 1;
            }
        }
        return i;
    }

    private void OnRecordStart(long offset, byte first)
    {
        while (_nextTarget < _targets.Length && _targets[_nextTarget] <= offset)
        {
            _starts.Add(new CsvRecordStart(offset, _records, _lines));
            _nextTarget++;
        }
        if (_dataStart is null && _records == 1) _dataStart = new CsvRecordStart(offset, 1, _lines);
        if (_onCut is not null && _records >= 1 && _records - 1 == _nextCut)
        {
            _onCut(new CsvRecordStart(offset, _records, _lines));
            _nextCut += _cutEvery;
        }
        if (first is not ((byte)'\n' or (byte)'\r')) _records++;
    }
}

/// <summary>A record start: its byte offset, the non-blank records before it (header included) and its 1-based line.</summary>
internal readonly record struct CsvRecordStart(long Offset, long RecordsBefore, long Line);

/// <summary>
/// Non-blank records in the file (header included), the record starts found for the requested offsets, where the data
/// starts (the record after the header) and the file length.
/// </summary>
internal sealed record CsvScanResult(long Records, IReadOnlyList<CsvRecordStart> Starts, CsvRecordStart DataStart, long Length);
