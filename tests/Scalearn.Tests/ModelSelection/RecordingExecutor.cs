using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Tests.ModelSelection;

/// <summary>Wraps an executor and counts the tasks submitted to its jobs.</summary>
internal sealed class RecordingExecutor(ITaskExecutor inner) : ITaskExecutor
{
    public int TasksSubmitted;

    public int Slots => inner.Slots;

    public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<IBlob>? inputs = null, JobOptions? options = null)
        where TTask : notnull where TResult : notnull => new Recorded<TTask, TResult>(this, inner.Start(kind, inputs, options));

    private sealed class Recorded<TTask, TResult>(RecordingExecutor owner, IJob<TTask, TResult> job) : IJob<TTask, TResult>
    {
        public JobProgress Progress => job.Progress;
        public void Share(IBlob blob) => job.Share(blob);
        public void Cancel(TaskKey key) => job.Cancel(key);
        public void Complete() => job.Complete();
        public IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results(CancellationToken cancellationToken = default) => job.Results(cancellationToken);
        public ValueTask DisposeAsync() => job.DisposeAsync();

        public void Submit(TTask task)
        {
            Interlocked.Increment(ref owner.TasksSubmitted);
            job.Submit(task);
        }
    }
}
