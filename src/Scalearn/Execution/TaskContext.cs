namespace Scalearn.Execution;

/// <summary>What a running task can use besides its own fields: its resolved inputs, the process's resident cache, its token.</summary>
public sealed class TaskContext
{
    private readonly Func<string, object> _inputs;

    public TaskContext(string worker, Func<string, object> inputs, ResidentCache resident, CancellationToken cancellation)
    {
        Worker = worker;
        _inputs = inputs;
        Resident = resident;
        Cancellation = cancellation;
    }

    /// <summary>"local" on the local executor, else the worker's name.</summary>
    public string Worker { get; }

    /// <summary>Derived state kept between tasks in this process (a built index, a loaded model, a cached partition).</summary>
    public ResidentCache Resident { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Lets go of an input this process keeps (a streamed chunk read once): a worker drops its cached copy, so transient
    /// inputs neither crowd out the resident ones nor hold memory. Locally inputs are the driver's own objects: no-op.
    /// </summary>
    public void DropInput(string id) => Resident.Remove(ResidentCache.InputKey(id));

    /// <summary>The decoded shared input with this id (it must be one of the task's <see cref="TaskKind{TTask,TResult}.Inputs"/>).</summary>
    public T Input<T>(string id) where T : class => _inputs(id) as T
        ?? throw new InvalidDataException($"Input {Short(id)} is not a {typeof(T).Name}.");

    internal static string Short(string id) => id.Length > 12 ? id[..12] + "..." : id;
}
