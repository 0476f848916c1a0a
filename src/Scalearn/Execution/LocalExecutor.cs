using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Scalearn.Execution;

/// <summary>
/// Runs tasks on this machine with at most <see cref="Jobs"/> dedicated worker threads and streams the results in
/// completion order. Cancellation stops handing out tasks and ends the stream at once; fits already running finish
/// in the background and their results are dropped.
/// </summary>
public sealed class LocalExecutor : ITaskExecutor
{
    /// <param name="jobs">Worker threads; -1 or 0 = all cores.</param>
    public LocalExecutor(int jobs = -1)
    {
        if (jobs < -1) throw new ArgumentOutOfRangeException(nameof(jobs), $"jobs must be -1 or 0 (all cores) or a positive count; got {jobs}.");
        Jobs = jobs <= 0 ? Environment.ProcessorCount : jobs;
    }

    public int Jobs { get; }

    // Recursive learners (deep trees) get more room than the 1 MB default.
    private const int WorkerStackBytes = 16 * 1024 * 1024;

    public async IAsyncEnumerable<FitResult> RunAsync(TaskBatch batch, IProgress<ExecutionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var tasks = batch.Tasks;
        var clock = Stopwatch.StartNew();
        int workers = Math.Max(1, Math.Min(Jobs, tasks.Count));
        if (tasks.Count == 0)
        {
            progress?.Report(new ExecutionProgress(0, 0, 0, workers, clock.Elapsed));
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<FitResult>(new UnboundedChannelOptions { SingleReader = true });
        int next = -1, started = 0, running = workers;
        for (int w = 0; w < workers; w++)
        {
            var thread = new Thread(() =>
            {
                using var budget = ThreadBudget.Enter(ThreadBudget.Share(workers));
                try
                {
                    int index;
                    while (!stop.IsCancellationRequested && (index = Interlocked.Increment(ref next)) < tasks.Count)
                    {
                        Interlocked.Increment(ref started);
                        channel.Writer.TryWrite(TaskRunner.Run(tasks[index], batch.Data, batch.Folds));
                    }
                }
                catch (Exception e)
                {
                    channel.Writer.TryComplete(e);
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0) channel.Writer.TryComplete();
                }
            }, WorkerStackBytes)
            { IsBackground = true, Name = $"scalearn-worker-{w}" };
            thread.Start();
        }

        int done = 0;
        try
        {
            progress?.Report(new ExecutionProgress(0, tasks.Count, Math.Min(workers, tasks.Count), workers, clock.Elapsed));
            var reader = channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Results already buffered when cancellation arrives are dropped, not yielded.
                cancellationToken.ThrowIfCancellationRequested();
                if (!reader.TryRead(out var result)) continue;
                done++;
                progress?.Report(new ExecutionProgress(done, tasks.Count, Math.Max(0, Volatile.Read(ref started) - done), workers, clock.Elapsed));
                yield return result;
            }
        }
        finally
        {
            // Also reached when the consumer stops early: no new task starts after this.
            stop.Cancel();
        }
    }
}
