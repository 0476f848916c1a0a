using System.CommandLine;

namespace Scalearn.Cli;

/// <summary>Options several commands share: where the work runs, the data, how CSV columns are read.</summary>
public static class CommonOptions
{
    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "RabbitMQ broker of a Scalearn cluster (amqp://user:pass@host:port/vhost); default: $SCALEARN_CLUSTER, else this machine",
    };

    public static Option<string?> ClusterKey() => new("--cluster-key")
    {
        Description = "Shared secret of the cluster (16+ characters; default: $SCALEARN_CLUSTER_KEY): messages are signed with it and unsigned ones dropped",
    };

    public static Option<int> Jobs() => new("--jobs", "-j")
    {
        Description = "Parallel fits on this machine (-1 = all cores); ignored on a cluster",
        DefaultValueFactory = _ => -1,
    };

    public static Option<string> Data() => new("--data", "-d")
    {
        Description = "Bundled dataset name (see 'scalearn datasets') or path to a CSV or Parquet file",
        Required = true,
    };

    /// <summary>--infer-rows of the commands that read a CSV column whose kind its first rows decide (<paramref name="what"/>).</summary>
    public static Option<int> InferRows(string what) => new("--infer-rows")
    {
        Description = $"CSV: rows read to decide whether {what} holds numbers or text (0 reads the whole file first)",
        DefaultValueFactory = _ => Scalearn.Data.Tables.TableOptions.Default.InferRows,
    };

    public static void CheckInferRows(int rows)
    {
        if (rows < 0) throw new UsageException($"--infer-rows must be 0 (the whole file) or more; got {rows}.");
    }

    public static Option<string> Target() => new("--target")
    {
        Description = "Name of the target column",
        DefaultValueFactory = _ => "target",
    };
}
