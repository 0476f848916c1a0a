using Scalearn.Cluster;
using Scalearn.Execution;

namespace Scalearn.Cli;

/// <summary>Picks the executor: the cluster named by --cluster or $SCALEARN_CLUSTER, else all local cores.</summary>
public static class ExecutorFactory
{
    public const string ClusterVariable = "SCALEARN_CLUSTER";

    public static string? ClusterUri(string? option)
    {
        var uri = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(ClusterVariable) : option;
        return string.IsNullOrWhiteSpace(uri) ? null : uri;
    }

    public static async Task<ITaskExecutor> CreateAsync(string? clusterOption, int jobs, Action<string> log, CancellationToken ct)
    {
        if (jobs == 0 || jobs < -1) throw new UsageException($"--jobs must be -1 (all cores) or a positive number; got {jobs}.");
        var uri = ClusterUri(clusterOption);
        if (uri is null) return new LocalExecutor(jobs);
        return await ClusterExecutor.ConnectAsync(uri, new ClusterOptions { Log = log }, ct);
    }
}
