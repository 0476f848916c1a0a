using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Scalearn.Data.Tables;

/// <summary>A background thread that reads chunks into a bounded queue; see <see cref="TableReader.ReadAhead"/>.</summary>
internal sealed class ReadAheadChunks(ITableReader reader, int chunkRows, int depth, bool reuse, CancellationToken cancellationToken)
    : IEnumerable<TableChunk>
{
    public IEnumerator<TableChunk> GetEnumerator()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var queue = new BlockingCollection<TableChunk>(depth);
        var returned = new ConcurrentQueue<TableChunk>();
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                while (reader.Read(chunkRows, returned.TryDequeue(out var recycled) ? recycled : null) is { } chunk)
                    queue.Add(chunk, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
            finally { queue.CompleteAdding(); }
        }) { IsBackground = true, Name = "table read-ahead" };
        thread.Start();
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable(cancellationToken))
            {
                yield return chunk;
                if (reuse) returned.Enqueue(chunk);
            }
            thread.Join();
            failure?.Throw();
        }
        finally
        {
            stop.Cancel();
            thread.Join();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
