using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Tests.ModelSelection;

/// <summary>Wraps an executor and counts the tasks submitted to its jobs.</summary>
internal sealed class RecordingExecutor(ITaskExecutor inner) : ITaskExecutor
{
    public int TasksSubmitted;

    /// <summary>How long a job's results wait before the first one is yielded: a caller whose loop lags behind the tasks.</summary>
    public TimeSpan ResultsLag { get; init; }

    /// <summary>The job's results wait for the caller's cancellation before the first one is yielded: a loop that saw nothing before it was cancelled.</summary>
    public bool HoldResultsUntilCancelled { get; init; }

    /// <summary>The job's results are read without the caller's token, so they just end when the job is disposed (as an executor may).</summary>
    public bool ResultsIgnoreCancellation { get; init; }

    public int Slots => inner.Slots;

    public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<IBlob>? inputs = null, JobOptions? options = null)
        where TTask : notnull where TResult : notnull => new Recorded<TTask, TResult>(this, inner.Start(kind, inputs, options));

    private sealed class Recorded<TTask, TResult>(RecordingExecutor owner, IJob<TTask, TResult> job) : IJob<TTask, TResult>
    {
        public JobProgress Progress => job.Progress;
        public void Share(IBlob blob) => job.Share(blob);
        public void Cancel(TaskKey key) => job.Cancel(key);
        public void Complete() => job.Complete();
        private int _lagged;

        public async IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _lagged, 1) == 0)
            {
                await Task.Delay(owner.ResultsLag, CancellationToken.None);
                // Not when the first read is one that cannot be cancelled (a search draining a job cancelled before its
                // loop first read): it would wait forever.
                if (owner.HoldResultsUntilCancelled && cancellationToken.CanBeCanceled) await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            await foreach (var outcome in job.Results(owner.ResultsIgnoreCancellation ? CancellationToken.None : cancellationToken)) yield return outcome;
        }
        public ValueTask DisposeAsync() => job.DisposeAsync();

        public void Submit(TTask task)
        {
            Interlocked.Increment(ref owner.TasksSubmitted);
            job.Submit(task);
        }
    }
}
