namespace Scalearn.Execution;

/// <summary>
/// What became of one task: its result (the kind's failure result when <see cref="Error"/> is set), where it ran and
/// how long it took there.
/// </summary>
public sealed record TaskOutcome<TTask, TResult>(TTask Task, TaskKey Key, TResult Result, string? Error, string Worker, double Seconds)
{
    public bool Failed => Error is not null;
}
