using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Scalearn.Data.Tables;

namespace Scalearn.Data.Csv;

/// <summary>
/// Consecutive chunks of a CSV file parsed by several threads and delivered strictly in file order; see
/// <see cref="TableReader.ParseAhead(string, TableOptions?, int, int?, bool, CancellationToken)"/>.
/// <para>
/// One thread scans the file for record starts (quote-aware, vectorized: far faster than parsing) and publishes the
/// byte range of every chunk of <c>chunkRows</c> records with its first row and line. Parser k of n parses chunks k,
/// k+n, k+2n, ... from their byte ranges into a queue of one chunk, and the consumer takes the queues in turn, so a chunk's
/// content, row numbers and errors are those of a sequential read, whatever n; an error surfaces after the chunks before
/// it. Memory: at most 2n+1 chunks exist at once (one parsing and one queued per parser, one with the consumer).
/// </para>
/// </summary>
/// <param name="partitions">
/// Instead of consecutive chunks of <paramref name="chunkRows"/> rows: these partitions of the file, whole, in this order
/// (a shuffled epoch); no scan is needed then.
/// </param>
internal sealed class CsvParallelChunks(CsvInput input, TableOptions options, int chunkRows, int parsers, bool reuse,
    CancellationToken cancellationToken, IReadOnlyList<TablePartition>? partitions = null) : IEnumerable<TableChunk>
{
    /// <summary>A parsed chunk, the end of the data (null chunk), or the error that stopped its parser.</summary>
    private readonly record struct Parsed(TableChunk? Chunk, ExceptionDispatchInfo? Error);

    public IEnumerator<TableChunk> GetEnumerator()
    {
        var schema = CsvSchema.Read(input, options);
        var labels = CsvTableReader.ChunkLabels(schema.Table, options, input.Name);
        string name = options.Name ?? Path.GetFileNameWithoutExtension(input.Name);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var cuts = new ChunkCuts(parsers);
        using var wake = stop.Token.Register(cuts.Wake);
        var returned = new ConcurrentQueue<TableChunk>();
        var queues = new BlockingCollection<Parsed>[parsers];
        var threads = new List<Thread>();
        try
        {
            if (partitions is null) threads.Add(Start("csv chunk scan", () => Scan(cuts, stop.Token)));
            for (int p = 0; p < parsers; p++)
            {
                var queue = queues[p] = new BlockingCollection<Parsed>(1);
                int first = p;
                threads.Add(Start("csv chunk parse", () => Parse(first, queue, cuts, schema, labels, name, returned, stop.Token)));
            }
            for (int k = 0; ; k++)
            {
                var parsed = queues[k % parsers].Take(cancellationToken);
                parsed.Error?.Throw();
                if (parsed.Chunk is not { } chunk) break;
                yield return chunk;
                if (reuse) returned.Enqueue(chunk);
            }
        }
        finally
        {
            stop.Cancel();
            foreach (var thread in threads) thread.Join();
            foreach (var queue in queues) queue?.Dispose();
        }
    }

    private static Thread Start(string name, Action body)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private void Scan(ChunkCuts cuts, CancellationToken stop)
    {
        try
        {
            using var stream = new FileStream(input.Path!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var result = CsvRecordScanner.Scan(stream, null, stop, chunkRows, start => cuts.Add(start, stop));
            cuts.Finish(result.Length, null);
        }
        catch (Exception e)
        {
            cuts.Finish(0, ExceptionDispatchInfo.Capture(e));
        }
    }

    private void Parse(int first, BlockingCollection<Parsed> queue, ChunkCuts cuts, CsvSchema schema, TargetLabels? labels, string name,
        ConcurrentQueue<TableChunk> returned, CancellationToken stop)
    {
        try
        {
            (char[], byte[])? text = null;
            for (int k = first; ; k += parsers)
            {
                var range = partitions is null ? cuts.Wait(first, k, stop) : k < partitions.Count ? Range(partitions[k]) : null;
                int rows = partitions is null || k >= partitions.Count ? chunkRows : checked((int)Math.Max(1, partitions[k].RowCount));
                var chunk = range is { } r ? ParseChunk(r.Start, r.End, rows, schema, labels, name, returned, ref text) : null;
                queue.Add(new Parsed(chunk, null), stop);
                if (chunk is null) return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            // The consumer stops at this error (or was stopped before it), so the queue has room or is being emptied.
            try { queue.Add(new Parsed(null, ExceptionDispatchInfo.Capture(e)), stop); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>One chunk's records, read as the sequential reader reads them (same parser, same file line numbers).</summary>
    private TableChunk? ParseChunk(CsvRecordStart start, long end, int maxRows, CsvSchema schema, TargetLabels? labels, string name,
        ConcurrentQueue<TableChunk> returned, ref (char[], byte[])? text)
    {
        using var source = input.Open(start.Offset, end, start.Line, text);
        var parser = new CsvRowParser(input.Name, schema.Header, options.OptionNames);
        if (parser.Exhausted(source)) return null;
        var buffers = ChunkBuffers.Create(schema.Table, maxRows, returned.TryDequeue(out var recycled) ? recycled : null);
        schema.Bind(parser, buffers, options, wholeFile: false, labels);
        int rows = parser.ReadRows(source, 0, maxRows);
        text = source.Buffers;
        return rows == 0 ? null : buffers.Build(rows, start.RecordsBefore - 1, name, labels?.Finish(default));
    }

    /// <summary>A partition's byte range, refused (as <see cref="TableReader.Open(TablePartition, TableOptions?)"/> does) when the file changed.</summary>
    private static (CsvRecordStart Start, long End) Range(TablePartition partition)
    {
        partition.CheckUnchanged();
        return (new CsvRecordStart(partition.Start, partition.FirstRow + 1, partition.FirstLine), partition.End);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The chunk starts found and not yet taken, shared by the scan thread and the parsers: a window of a few chunks per
    /// parser, so the scan (far faster than parsing) waits rather than holding one entry per chunk of a huge file.
    /// </summary>
    private sealed class ChunkCuts(int parsers)
    {
        private readonly List<CsvRecordStart> _starts = [];
        private readonly int _window = 4 * parsers + 8;
        private readonly int[] _next = Enumerable.Range(0, parsers).ToArray();
        private int _base;
        private long _length = -1;
        private ExceptionDispatchInfo? _error;

        public void Add(CsvRecordStart start, CancellationToken stop)
        {
            lock (_starts)
            {
                while (_starts.Count >= _window && !stop.IsCancellationRequested) Monitor.Wait(_starts);
                _starts.Add(start);
                Monitor.PulseAll(_starts);
            }
        }

        public void Finish(long length, ExceptionDispatchInfo? error)
        {
            lock (_starts)
            {
                (_length, _error) = (length, error);
                Monitor.PulseAll(_starts);
            }
        }

        public void Wake()
        {
            lock (_starts) Monitor.PulseAll(_starts);
        }

        /// <summary>Chunk k's byte range (parser p's next chunk) once known; null when the data has fewer chunks.</summary>
        public (CsvRecordStart Start, long End)? Wait(int p, int k, CancellationToken stop)
        {
            lock (_starts)
            {
                while (true)
                {
                    stop.ThrowIfCancellationRequested();
                    int at = k - _base;
                    (CsvRecordStart, long)? range = null;
                    if (_starts.Count > at + 1) range = (_starts[at], _starts[at + 1].Offset);
                    else if (_length >= 0 || _error is not null)
                    {
                        _error?.Throw();
                        if (_starts.Count > at) range = (_starts[at], _length);
                    }
                    else
                    {
                        Monitor.Wait(_starts);
                        continue;
                    }
                    Taken(p, k);
                    return range;
                }
            }
        }

        /// <summary>Parser p moves on past chunk k: starts no parser needs any more leave the window.</summary>
        private void Taken(int p, int k)
        {
            _next[p] = k + parsers;
            int needed = _next.Min();
            int drop = Math.Min(needed - _base, _starts.Count);
            if (drop <= 0) return;
            _starts.RemoveRange(0, drop);
            _base += drop;
            Monitor.PulseAll(_starts);
        }
    }
}
