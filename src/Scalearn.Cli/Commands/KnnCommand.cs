using System.CommandLine;
using Scalearn.Data;
using Scalearn.Jobs;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn knn: the k nearest indexed points of many queries (or of every indexed point), in long form.</summary>
public static class KnnCommand
{
    public static Command Create()
    {
        var index = new Option<string>("--index") { Description = "CSV or Parquet file (or bundled dataset name) of the points to search (every column a coordinate, but those --drop leaves out)", Required = true };
        var queries = new Option<string?>("--queries") { Description = "CSV or Parquet file (or bundled dataset name) of query points, with the index's columns" };
        var self = new Option<bool>("--self") { Description = "Query every indexed point, excluding itself (scikit-learn's kneighbors() with no X: its k + 1 nearest less its own entry, or less the first when k or more duplicates rank ahead of it); duplicates stay neighbours at distance 0" };
        var k = new Option<int>("--k") { Description = "Neighbours per query", DefaultValueFactory = _ => 5 };
        var metric = new Option<string>("--metric") { Description = "Distance: minkowski (of power --p; euclidean with the default p=2), euclidean, manhattan or cosine", DefaultValueFactory = _ => "minkowski" };
        var p = new Option<double>("--p") { Description = "Power of the minkowski metric (scikit-learn's p: 1 = manhattan, 2 = euclidean, any finite p >= 1)", DefaultValueFactory = _ => 2 };
        var output = new Option<string>("--out", "-o") { Description = "Output file (query, rank, neighbor, distance), CSV or Parquet", Required = true };
        var batchSize = new Option<int>("--batch-size") { Description = "Queries per task", DefaultValueFactory = _ => 2_000 };
        var shards = new Option<int>("--shards")
        {
            Description = "Split the index into this many contiguous shards, each kept on one worker and asked every query (for an index too big for one machine; same output)",
            DefaultValueFactory = _ => 1,
        };
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var jobs = CommonOptions.Jobs();
        var onWorkers = PredictCommand.DataOnWorkersOption();
        var columnFlags = new DataOptions();
        var command = new Command("knn", "k nearest neighbours of many queries, streamed")
        {
            index, queries, self, k, metric, output, batchSize, columnFlags.Drop, columnFlags.Features, cluster, clusterKey, jobs, onWorkers,
        };
        command.Options.Add(shards);
        command.Options.Add(p);
        command.SetAction(async (parse, ct) =>
        {
            bool isSelf = parse.GetValue(self);
            string? queryPath = parse.GetValue(queries);
            if (isSelf == (queryPath is not null)) throw new UsageException("give exactly one of --queries FILE and --self.");
            string indexPath = BundledDatasets.FilePath(parse.GetRequiredValue(index));
            if (queryPath is not null) queryPath = BundledDatasets.FilePath(queryPath);
            var executor = await ExecutorFactory.CreateAsync(parse.GetValue(cluster), parse.GetValue(jobs),
                message => AnsiConsole.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, parse.GetValue(clusterKey));
            var columnChoices = columnFlags.Read(parse);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            long rows;
            try
            {
                rows = await KnnQueryJob.RunAsync(executor, indexPath, queryPath, parse.GetRequiredValue(output), new KnnQueryOptions
                {
                    K = parse.GetValue(k), Metric = parse.GetValue(metric) ?? "minkowski", P = parse.GetValue(p), BatchSize = parse.GetValue(batchSize),
                    DataOnWorkers = parse.GetValue(onWorkers), Exclude = columnChoices.Drop, Features = columnChoices.Features,
                    Shards = parse.GetValue(shards),
                }, ct);
            }
            finally
            {
                if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
            double seconds = clock.Elapsed.TotalSeconds;
            long queryCount = rows / Math.Max(1, parse.GetValue(k));
            AnsiConsole.MarkupLineInterpolated($"{rows} neighbours of {queryCount} queries written to {parse.GetRequiredValue(output)} in {seconds:F1} s ({queryCount / Math.Max(seconds, 1e-9):N0} queries/s)");
            return 0;
        });
        return command;
    }
}
