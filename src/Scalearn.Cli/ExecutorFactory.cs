using Scalearn.Cluster;
using Scalearn.Execution;

namespace Scalearn.Cli;

/// <summary>Picks the executor: the cluster named by --cluster or $SCALEARN_CLUSTER, else all local cores.</summary>
public static class ExecutorFactory
{
    public const string ClusterVariable = "SCALEARN_CLUSTER";
    public const string KeyVariable = "SCALEARN_CLUSTER_KEY";

    /// <summary>The cluster key from the option or $SCALEARN_CLUSTER_KEY; null when neither is set.</summary>
    public static string? ClusterKey(string? option)
    {
        var key = string.IsNullOrEmpty(option) ? Environment.GetEnvironmentVariable(KeyVariable) : option;
        if (string.IsNullOrEmpty(key)) return null;
        return key.Length >= 16 ? key : throw new UsageException($"--cluster-key (or ${KeyVariable}) must have at least 16 characters; got {key.Length}.");
    }

    public static string? ClusterUri(string? option)
    {
        var uri = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(ClusterVariable) : option;
        return string.IsNullOrWhiteSpace(uri) ? null : uri;
    }

    public static async Task<ITaskExecutor> CreateAsync(string? clusterOption, int jobs, Action<string> log, CancellationToken ct, string? clusterKey = null)
    {
        if (jobs == 0 || jobs < -1) throw new UsageException($"--jobs must be -1 (all cores) or a positive number; got {jobs}.");
        var uri = ClusterUri(clusterOption);
        if (uri is null) return new LocalExecutor(jobs);
        return await ClusterExecutor.ConnectAsync(uri, new ClusterOptions { Log = log, ClusterKey = ClusterKey(clusterKey) }, ct);
    }
}
