using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Scalearn.Cluster;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Distributed;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>
/// scalearn fit: one model on all the data, saved for predict/evaluate. Without --partitions an ordinary fit on this
/// machine; with --partitions P the data is split into P partitions and the model trained data-parallel (KMeans,
/// LogisticRegression) on all local cores or, with --cluster, on the cluster's workers, each keeping its partitions.
/// </summary>
public static class FitCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var target = CommonOptions.Target();
        var estimator = new Option<string>("--estimator", "-e")
        {
            Description = $"Estimator name, or comma-separated names for a pipeline (data-parallel: {string.Join(", ", DataParallel.Estimators)}). Known: {string.Join(", ", EstimatorRegistry.Names)}",
            Required = true,
        };
        var parameters = new Option<string?>("--params", "-p") { Description = "Parameters as a JSON object, or @file.json, e.g. {\"C\":0.5,\"max_iter\":300}" };
        var partitions = new Option<int?>("--partitions") { Description = "Train data-parallel on this many partitions of the data (KMeans, LogisticRegression)" };
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var output = new Option<string>("--out", "-o") { Description = "Model file to write (read by 'scalearn predict' and 'scalearn evaluate')", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --out file" };
        var columns = new DataOptions();
        var command = new Command("fit", "Fit one model on all the data (data-parallel with --partitions) and save it")
        {
            data, target, estimator, parameters, partitions, cluster, clusterKey, output, force,
        };
        foreach (var option in columns.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) => await RunAsync(new FitRequest(
            parse.GetRequiredValue(data), parse.GetValue(target) ?? "target", parse.GetRequiredValue(estimator), parse.GetValue(parameters),
            parse.GetValue(partitions), parse.GetValue(cluster), parse.GetValue(clusterKey), parse.GetRequiredValue(output), parse.GetValue(force))
            { Columns = columns.Read(parse), TargetGiven = parse.GetResult(target) is { Implicit: false } },
            AnsiConsole.Console, ct));
        return command;
    }

    public sealed record FitRequest(string Data, string Target, string Estimator, string? Params, int? Partitions, string? Cluster,
        string? ClusterKey, string Out, bool Force)
    {
        /// <summary>--categorical, --missing-values, --drop, --features.</summary>
        public DataChoices Columns { get; init; } = new();

        /// <summary>Whether --target was given (else an unsupervised estimator fits a file without a 'target' column).</summary>
        public bool TargetGiven { get; init; } = true;
    }

    public static async Task<int> RunAsync(FitRequest r, IAnsiConsole console, CancellationToken ct)
    {
        if (File.Exists(r.Out) && !r.Force) throw new UsageException($"--out {r.Out} exists; pass --force to overwrite it, or choose another file.");
        if (r.Partitions is < 1 or > PartitionedDataset.MaxPartitions)
            throw new UsageException($"--partitions must be between 1 and {PartitionedDataset.MaxPartitions}; got {r.Partitions}.");
        string? clusterUri = ExecutorFactory.ClusterUri(r.Cluster);
        if (r.Partitions is null && !string.IsNullOrWhiteSpace(r.Cluster))
            throw new UsageException("--cluster trains data-parallel: pass --partitions P too (without it the model is fitted on this machine).");
        var estimator = EstimatorFactory.Create(r.Estimator);
        if (r.Params is not null) SetParams(estimator, GridText.Read(r.Params));
        if (r.Partitions is not null && !DataParallel.Supports(estimator))
            throw new UsageException($"--partitions: {estimator.TypeName} has no data-parallel fit (supported: {string.Join(", ", DataParallel.Estimators)}); leave out --partitions to fit it on this machine.");

        // A clusterer or transformer fits X alone (scikit-learn's fit(X, y=None)): a file without the default target column is fine.
        string? target = r.TargetGiven || EstimatorTraits.IsClassifier(estimator) || EstimatorTraits.IsRegressor(estimator)
            || TableReader.ReadSchema(BundledDatasets.FilePath(r.Data), TableOptions.AllColumns).Columns.Any(c => c.Name == r.Target) ? r.Target : null;
        var dataset = r.Columns.Load(r.Data, target);
        string about = $"{estimator.TypeName} on {dataset.Name ?? r.Data} ({dataset.Count} rows, {dataset.FeatureCount} features)";
        var clock = Stopwatch.StartNew();
        IModel model;
        if (r.Partitions is not int p)
        {
            console.MarkupLineInterpolated($"Fitting [bold]{about}[/] on this machine");
            model = estimator.Fit(dataset);
        }
        else
        {
            int count = Math.Min(p, Math.Max(1, dataset.Count));
            string where = clusterUri is null ? $"{Environment.ProcessorCount} local cores" : $"cluster {ClusterAddress.Mask(clusterUri)}";
            console.MarkupLineInterpolated($"Fitting [bold]{about}[/] data-parallel in {count} partitions on {where}");
            var parts = PartitionedDataset.Split(dataset, count);
            var executor = await ExecutorFactory.CreateAsync(r.Cluster, -1,
                message => console.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, r.ClusterKey);
            var options = new DataParallelOptions { Progress = new RetryNotices(message => console.MarkupLineInterpolated($"[yellow]{message}[/]")) };
            try
            {
                model = await DataParallel.FitAsync(estimator, parts, executor, options, ct);
            }
            finally
            {
                if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
        }
        if (model is not IPersistableModel persistable)
            throw new UsageException($"the {estimator.TypeName} model cannot be saved to a file.");
        var directory = Path.GetDirectoryName(Path.GetFullPath(r.Out));
        if (directory is not null) Directory.CreateDirectory(directory);
        ModelFile.Save(r.Out, persistable, EstimatorSpec.Of(estimator), dataset.FeatureNames);
        console.MarkupLineInterpolated($"Fitted in {clock.Elapsed.TotalSeconds:F1} s; model saved to {r.Out}");
        return 0;
    }

    internal static void SetParams(IEstimator estimator, string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new UsageException($"--params must be a JSON object of parameter names and values, e.g. {{\"C\":0.5}}; got {document.RootElement.ValueKind}.");
        foreach (var property in document.RootElement.EnumerateObject())
            estimator.SetParam(property.Name, RawJson.ToRaw(property.Value));
    }

    /// <summary>Shows retried partition tasks (a worker lost, a task failed) as they happen.</summary>
    private sealed class RetryNotices(Action<string> show) : IProgress<DataParallelProgress>
    {
        public void Report(DataParallelProgress value)
        {
            if (value.Stage == "retry") show(value.ToString());
        }
    }
}
