namespace Scalearn.Execution;

/// <summary>
/// Limits on each task of an executor or worker. A task past its <see cref="Timeout"/>, or the largest task when the
/// process passes <see cref="MemoryBudgetBytes"/>, is stopped and recorded as failed with a message naming the limit;
/// the slot then takes the next task.
/// </summary>
public sealed record TaskLimits
{
    /// <summary>Wall-clock limit per task; null = none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Resident memory the whole process may use while tasks run; null = none.</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary>How long a stopped task may take to notice before its slot is given to the next task anyway.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(3);

    public static TaskLimits None { get; } = new();

    /// <summary>No time limit and a memory budget of 3/4 of the memory available to this process.</summary>
    public static TaskLimits Default => new() { MemoryBudgetBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 * 3 };

    public void Validate()
    {
        if (Timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Timeout), $"A task time limit must be positive; got {t}.");
        if (MemoryBudgetBytes is <= 0) throw new ArgumentOutOfRangeException(nameof(MemoryBudgetBytes), $"A memory budget must be positive; got {MemoryBudgetBytes} bytes.");
    }
}

/// <summary>A task was stopped by a limit (its message says which); the worker or executor keeps serving.</summary>
public sealed class TaskLimitException(string message) : Exception(message);
