using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using Scalearn.Data.Tables;

namespace Scalearn.Data.Csv;

/// <summary>
/// Consecutive chunks of a CSV file parsed by several threads and delivered strictly in file order; see
/// <see cref="TableReader.ParseAhead"/>.
/// <para>
/// One thread scans the file for record starts (quote-aware, vectorized: far faster than parsing) and publishes the
/// byte range of every chunk of <c>chunkRows</c> records with its first row and line. Parser k of n parses chunks k,
/// k+n, k+2n, ... from their byte ranges into a queue of one chunk, and the consumer takes the queues in turn, so a chunk's
/// content, row numbers and errors are those of a sequential read, whatever n; an error surfaces after the chunks before
/// it. Memory: at most 2n+1 chunks exist at once (one parsing and one queued per parser, one with the consumer).
/// </para>
/// </summary>
internal sealed class CsvParallelChunks(CsvInput input, TableOptions options, int chunkRows, int parsers, bool reuse,
    CancellationToken cancellationToken) : IEnumerable<TableChunk>
{
    /// <summary>A parsed chunk, the end of the data (null chunk), or the error that stopped its parser.</summary>
    private readonly record struct Parsed(TableChunk? Chunk, ExceptionDispatchInfo? Error);

    public IEnumerator<TableChunk> GetEnumerator()
    {
        var schema = CsvSchema.Read(input, options);
        var labels = CsvTableReader.ChunkLabels(schema.Table, options, input.Name);
        string name = options.Name ?? Path.GetFileNameWithoutExtension(input.Name);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var cuts = new ChunkCuts();
        using var wake = stop.Token.Register(cuts.Wake);
        var returned = new ConcurrentQueue<TableChunk>();
        var queues = new BlockingCollection<Parsed>[parsers];
        var threads = new List<Thread>();
        try
        {
            threads.Add(Start("csv chunk scan", () => Scan(cuts, stop.Token)));
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
            var result = CsvRecordScanner.Scan(stream, null, stop, chunkRows, cuts.Add);
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
                var range = cuts.Wait(k, stop);
                var chunk = range is { } r ? ParseChunk(r.Start, r.End, schema, labels, name, returned, ref text) : null;
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
    private TableChunk? ParseChunk(CsvRecordStart start, long end, CsvSchema schema, TargetLabels? labels, string name,
        ConcurrentQueue<TableChunk> returned, ref (char[], byte[])? text)
    {
        using var source = input.Open(start.Offset, end, start.Line, text);
        var parser = new CsvRowParser(input.Name, schema.Header, options.OptionNames);
        if (parser.Exhausted(source)) return null;
        var buffers = ChunkBuffers.Create(schema.Table, chunkRows, returned.TryDequeue(out var recycled) ? recycled : null);
        schema.Bind(parser, buffers, options, wholeFile: false, labels);
        int rows = parser.ReadRows(source, 0, chunkRows);
        text = source.Buffers;
        return rows == 0 ? null : buffers.Build(rows, start.RecordsBefore - 1, name, labels?.Finish(default));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The chunk starts found so far, shared by the scan thread and the parsers.</summary>
    private sealed class ChunkCuts
    {
        private readonly List<CsvRecordStart> _starts = [];
        private long _length = -1;
        private ExceptionDispatchInfo? _error;

        public void Add(CsvRecordStart start)
        {
            lock (_starts)
            {
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

        /// <summary>Chunk k's byte range once known; null when the data has fewer chunks.</summary>
        public (CsvRecordStart Start, long End)? Wait(int k, CancellationToken stop)
        {
            lock (_starts)
            {
                while (true)
                {
                    stop.ThrowIfCancellationRequested();
                    if (_starts.Count > k + 1) return (_starts[k], _starts[k + 1].Offset);
                    if (_length >= 0 || _error is not null)
                    {
                        _error?.Throw();
                        return _starts.Count > k ? (_starts[k], _length) : null;
                    }
                    Monitor.Wait(_starts);
                }
            }
        }
    }
}
