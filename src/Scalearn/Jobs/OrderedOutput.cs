using Scalearn.Data.Tables;
using Scalearn.Execution;

namespace Scalearn.Jobs;

/// <summary>
/// The driver side every streaming job shares: chunks submitted through an ordered <see cref="ChunkWindow{TTask,TResult,TChunk}"/>,
/// each outcome written to the output file in chunk order, streamed inputs let go as their tasks are answered, and the
/// file committed only once every chunk is answered (a failed chunk fails the job and leaves no file).
/// </summary>
internal static class OrderedOutput
{
    /// <param name="job">Owned: disposed before this returns.</param>
    /// <param name="failure">The error message for a failed chunk.</param>
    /// <param name="streamedInput">The task's input shared through the window's <see cref="SharedChunks"/>, released when it is answered; or null.</param>
    /// <param name="write">Writes a chunk's result and returns the rows it wrote.</param>
    /// <param name="submit">Submits every chunk through the window, sharing streamed inputs through the given <see cref="SharedChunks"/>.</param>
    /// <param name="writeEmpty">Writes the columns of an output that got no rows (or null to leave such a file as the writer leaves it).</param>
    /// <returns>The rows written.</returns>
    public static async Task<long> RunAsync<TTask, TResult, TChunk>(IJob<TTask, TResult> job, Func<int> slots, string outPath,
        Func<TChunk, TaskOutcome<TTask, TResult>, string> failure, Func<TTask, string?> streamedInput, Func<ITableWriter, TChunk, TResult, long> write,
        Func<ChunkWindow<TTask, TResult, TChunk>, SharedChunks, Task> submit, Action<ITableWriter>? writeEmpty, CancellationToken cancellationToken)
        where TTask : notnull where TResult : notnull
    {
        AtomicOutput output;
        try
        {
            output = new AtomicOutput(outPath);
        }
        catch
        {
            await job.DisposeAsync();
            throw;
        }
        using (output)
        {
            long rows = 0;
            await using (job)
            {
                var chunks = new SharedChunks(job.Share, job.Unshare);
                using var writer = TableWriter.Create(output.TempPath);
                await using var window = new ChunkWindow<TTask, TResult, TChunk>(job, slots,
                    (chunk, outcome) =>
                    {
                        if (outcome.Failed) throw new InvalidOperationException(failure(chunk, outcome));
                        if (streamedInput(outcome.Task) is { } id) chunks.Release(id);
                    },
                    (chunk, outcome) => rows += write(writer, chunk, outcome.Result),
                    cancellationToken);
                await submit(window, chunks);
                await window.FinishAsync();
                if (writer.RowsWritten == 0) writeEmpty?.Invoke(writer);
            }
            output.Commit();
            return rows;
        }
    }
}
