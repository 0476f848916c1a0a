using Scalearn.Execution;
using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>Jobs of the test plugin's probe kind (in-process workers see it once <see cref="Register"/> ran).</summary>
internal static class ProbeJobs
{
    public static readonly ProbeKind Kind = new();

    public static void Register() => Plugins.Add(typeof(ProbeKind).Assembly);

    public static async Task<List<TaskOutcome<ProbeTask, ProbeResult>>> RunAsync(ITaskExecutor executor, IEnumerable<ProbeTask> tasks,
        IEnumerable<Scalearn.Execution.Blobs.IBlob>? inputs = null, Action<TaskOutcome<ProbeTask, ProbeResult>, IJob<ProbeTask, ProbeResult>>? onOutcome = null,
        JobOptions? options = null, CancellationToken ct = default)
    {
        await using var job = executor.Start(Kind, inputs, options);
        job.Submit(tasks.ToList());
        job.Complete();
        var outcomes = new List<TaskOutcome<ProbeTask, ProbeResult>>();
        await foreach (var o in job.Results(ct))
        {
            outcomes.Add(o);
            onOutcome?.Invoke(o, job);
        }
        return outcomes;
    }

    public static IEnumerable<ProbeTask> Squares(int count, int sleepMs = 0) => Enumerable.Range(0, count).Select(i => new ProbeTask(i, i, sleepMs));
}
