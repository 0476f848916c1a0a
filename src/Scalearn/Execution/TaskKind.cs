using Scalearn.Execution.Wire;

namespace Scalearn.Execution;

/// <summary>
/// A registered kind of task: how to run one, how a task and its result travel, and what a failed task yields.
/// Executors run any kind; a worker runs only kinds on its allow-list (<see cref="TaskKinds"/>), found by
/// <see cref="Name"/>. A new distributed capability is one kind plus a small driver-side wrapper that submits tasks
/// to a job and consumes its outcomes.
/// </summary>
public abstract class TaskKind<TTask, TResult> : ITaskKind where TTask : notnull where TResult : notnull
{
    public abstract string Name { get; }

    /// <summary>The task's identity within its job (unique per job; a task delivered twice yields one result).</summary>
    public abstract TaskKey Key(TTask task);

    /// <summary>Ids of the shared inputs (<see cref="Blobs.IBlob"/>) the task reads; each must be shared with the job.</summary>
    public virtual IReadOnlyList<string> Inputs(TTask task) => [];

    /// <summary>
    /// An input whose holder should run the task, or null. By default only a saving (a model or index every worker may
    /// fetch): the task goes to a holder while one has a slot free for the job, else to any worker.
    /// </summary>
    public virtual string? PreferredInput(TTask task) => null;

    /// <summary>
    /// Whether preferred inputs are resident state to keep in one place (a cached partition, an index shard): every task
    /// goes to its input's holder, busy or not, and a task whose input no worker holds yet is placed on the least loaded
    /// live worker (by slots) rather than left to whichever worker takes it first, so that inputs spread evenly. The
    /// spreading needs the driver to know at least two workers; otherwise the task goes to the shared queue as usual.
    /// </summary>
    public virtual bool SpreadPreferredInputs => false;

    /// <summary>Runs the task. An exception fails the task: its outcome then carries <see cref="Failure"/>.</summary>
    public abstract TResult Run(TTask task, TaskContext context);

    /// <summary>The result recorded for a task that failed (threw, hit a limit, or could not be run) with <paramref name="error"/>.</summary>
    public abstract TResult Failure(TTask task, string error);

    public abstract void WriteTask(TTask task, WireWriter writer);

    /// <summary>Reads a task from an untrusted message; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public abstract TTask ReadTask(WireReader reader);

    public abstract void WriteResult(TResult result, WireWriter writer);

    /// <summary>Reads a result from an untrusted message; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public abstract TResult ReadResult(WireReader reader);

    /// <summary>Why a result that came back from a worker cannot be the result of <paramref name="task"/> (wrong shape), or null.</summary>
    public virtual string? Mismatch(TTask task, TResult result) => null;

    /// <summary>Rows processed by the task, for rows/s progress (0 when the notion does not apply).</summary>
    public virtual long Rows(TTask task, TResult result) => 0;

    public byte[] EncodeTask(TTask task)
    {
        var writer = new WireWriter();
        WriteTask(task, writer);
        return writer.ToArray();
    }

    public byte[] EncodeResult(TResult result)
    {
        var writer = new WireWriter();
        WriteResult(result, writer);
        return writer.ToArray();
    }

    public TTask DecodeTask(ReadOnlyMemory<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var task = ReadTask(reader);
        reader.End();
        return task;
    }

    public TResult DecodeResult(ReadOnlyMemory<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var result = ReadResult(reader);
        reader.End();
        return result;
    }

    IRunnableTask ITaskKind.Decode(ReadOnlyMemory<byte> task) => new Runnable(this, DecodeTask(task));

    private sealed class Runnable(TaskKind<TTask, TResult> kind, TTask task) : IRunnableTask
    {
        public TaskKey Key => kind.Key(task);
        public IReadOnlyList<string> Inputs => kind.Inputs(task);
        public byte[] Run(TaskContext context) => kind.EncodeResult(kind.Run(task, context));
    }
}

/// <summary>A kind as a worker sees it: by name, running encoded tasks.</summary>
public interface ITaskKind
{
    string Name { get; }

    /// <summary>Decodes an untrusted task; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    IRunnableTask Decode(ReadOnlyMemory<byte> task);
}

public interface IRunnableTask
{
    TaskKey Key { get; }
    IReadOnlyList<string> Inputs { get; }

    /// <summary>Runs the task and returns its encoded result; exceptions mean the task failed.</summary>
    byte[] Run(TaskContext context);
}
