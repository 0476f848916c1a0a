namespace Scalearn.Execution;

/// <summary>Per-job settings.</summary>
public sealed record JobOptions
{
    /// <summary>Receives the job's progress whenever it changes.</summary>
    public IProgress<JobProgress>? Progress { get; init; }

    /// <summary>Tasks the caller expects to submit in all, for progress totals while tasks are still being submitted.</summary>
    public int ExpectedTasks { get; init; }

    /// <summary>Overrides the executor's per-task time limit for this job.</summary>
    public TimeSpan? TaskTimeout { get; init; }
}
