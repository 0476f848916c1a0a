namespace Scalearn.Execution;

/// <summary>
/// A running job: tasks of one kind over shared inputs. Tasks may be submitted while results stream (adaptive
/// searches submit a trial whenever one finishes); <see cref="Results"/> yields each task's outcome once, in completion
/// order, and ends after <see cref="Complete"/> once every submitted task is done or cancelled. Disposing the job
/// cancels whatever is still queued or running.
/// </summary>
public interface IJob<TTask, TResult> : IAsyncDisposable
{
    /// <summary>Makes another input available to the job's tasks (by its id).</summary>
    void Share(Blobs.IBlob blob);

    /// <summary>
    /// The job's tasks no longer need this input (a streamed chunk whose task finished): the job lets go of it, so a
    /// driver streaming many chunks holds only those still in use. Tasks submitted later must not read it. The default
    /// keeps the input until the job ends (right for wrappers; executors override it).
    /// </summary>
    void Unshare(string id) { }

    /// <summary>Queues a task; its key must be new to the job and its inputs shared.</summary>
    void Submit(TTask task);

    /// <summary>Queues several tasks at once (an executor may then pack them into fewer messages).</summary>
    void Submit(IReadOnlyList<TTask> tasks)
    {
        foreach (var task in tasks) Submit(task);
    }

    /// <summary>Cancels a queued or running task: it yields no outcome.</summary>
    void Cancel(TaskKey key);

    /// <summary>No more tasks will be submitted.</summary>
    void Complete();

    IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results(CancellationToken cancellationToken = default);

    JobProgress Progress { get; }
}
