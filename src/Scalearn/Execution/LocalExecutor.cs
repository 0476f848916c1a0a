using Scalearn.Execution.Blobs;
using Scalearn.Execution.Slots;

namespace Scalearn.Execution;

/// <summary>
/// Runs jobs on this machine: <see cref="Jobs"/> slots on dedicated threads, shared by every job started on this
/// executor. Tasks see their inputs' in-memory values directly (nothing is encoded).
/// </summary>
public sealed class LocalExecutor : ITaskExecutor
{
    /// <param name="jobs">Slots; -1 or 0 = one per core.</param>
    /// <param name="limits">Per-task limits; default <see cref="TaskLimits.Default"/>.</param>
    public LocalExecutor(int jobs = -1, TaskLimits? limits = null)
    {
        if (jobs < -1) throw new ArgumentOutOfRangeException(nameof(jobs), $"jobs must be -1 or 0 (all cores) or a positive count; got {jobs}.");
        Jobs = jobs <= 0 ? Environment.ProcessorCount : jobs;
        Limits = limits ?? TaskLimits.Default;
        Pool = new SlotPool(Jobs, Limits, "scalearn");
    }

    public int Jobs { get; }

    public int Slots => Jobs;

    public TaskLimits Limits { get; }

    /// <summary>Derived state kept between tasks (what a worker keeps resident): 1 GiB.</summary>
    public ResidentCache Resident { get; } = new(1L << 30);

    internal SlotPool Pool { get; }

    public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<IBlob>? inputs = null, JobOptions? options = null)
        where TTask : notnull where TResult : notnull
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new LocalJob<TTask, TResult>(this, kind, inputs ?? [], options ?? new JobOptions());
    }
}
