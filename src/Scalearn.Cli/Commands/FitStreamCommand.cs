using System.CommandLine;
using System.Globalization;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Jobs;
using Scalearn.Persistence;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>
/// scalearn fit-stream: out-of-core learning. An incremental estimator learns from a CSV or Parquet file of any size
/// chunk by chunk (partial_fit), printing each chunk's progressive-validation score; memory is set by the chunk size.
/// </summary>
public static class FitStreamCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var estimator = new Option<string>("--estimator", "-e")
        {
            Description = "Incremental estimator, or comma-separated names for a pipeline of them: SGDRegressor, SGDClassifier, GaussianNB, MiniBatchKMeans, StandardScaler, MinMaxScaler",
            Required = true,
        };
        var chunkSize = new Option<int>("--chunk-size") { Description = "Rows per chunk (one partial_fit call each)", DefaultValueFactory = _ => 10_000 };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the file", DefaultValueFactory = _ => 1 };
        var shuffle = new Option<bool>("--shuffle-chunks") { Description = "Visit the chunks in a new order every epoch (seeded by --seed); chunks are then the file's partitions of about --chunk-size rows (a larger Parquet row group is cut into chunks of --chunk-size rows)" };
        var target = new Option<string>("--target") { Description = "Target column (left out of the features when the estimator is unsupervised)", DefaultValueFactory = _ => "target" };
        var classes = new Option<string?>("--classes")
        {
            Description = "A classifier's classes, comma-separated numbers or text labels (scikit-learn's partial_fit classes=); without it a first pass over the target column finds them",
        };
        var parameters = new Option<string?>("--params", "-p") { Description = "Parameters as a JSON object, or @file.json, e.g. {\"alpha\":0.001}" };
        var seed = new Option<int?>("--seed") { Description = "random_state of the estimator and of the chunk order" };
        var output = new Option<string>("--out", "-o") { Description = "Model file to write (served by 'scalearn predict --model')", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing --out file" };
        var columnFlags = new DataOptions();
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var jobs = CommonOptions.Jobs();
        var command = new Command("fit-stream", "Learn incrementally (partial_fit) from a file of any size, chunk by chunk, with progressive validation")
        {
            data, estimator, chunkSize, epochs, shuffle, target, classes, parameters, seed, columnFlags.Drop, columnFlags.Features, output, force, cluster, clusterKey, jobs,
        };
        command.SetAction(async (parse, ct) =>
        {
            string outPath = parse.GetRequiredValue(output);
            if (File.Exists(outPath) && !parse.GetValue(force)) throw new UsageException($"--out {outPath} exists; pass --force to overwrite it, or choose another file.");
            if (parse.GetValue(chunkSize) < 1) throw new UsageException($"--chunk-size must be at least 1; got {parse.GetValue(chunkSize)}.");
            if (parse.GetValue(epochs) < 1) throw new UsageException($"--epochs must be at least 1; got {parse.GetValue(epochs)}.");
            var model = EstimatorFactory.Create(parse.GetRequiredValue(estimator));
            if (parse.GetValue(parameters) is { } json) FitCommand.SetParams(model, GridText.Read(json));
            if (parse.GetValue(seed) is int s && model is IRandomized randomized) randomized.RandomState = s;
            StreamTrainer.Incremental(model);
            string dataName = parse.GetRequiredValue(data);
            string dataPath = BundledDatasets.FilePath(dataName);
            string targetName = parse.GetValue(target) ?? "target";
            bool explicitTarget = parse.GetResult(target) is { Implicit: false };
            var columns = TableReader.ReadSchema(dataPath, TableOptions.AllColumns).Columns.Select(c => c.Name);
            string? targetColumn = explicitTarget || columns.Contains(targetName) ? targetName : null;

            var classList = ParseClasses(parse.GetValue(classes));
            var columnChoices = columnFlags.Read(parse);
            var executor = await ExecutorFactory.CreateAsync(parse.GetValue(cluster), parse.GetValue(jobs),
                message => AnsiConsole.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, parse.GetValue(clusterKey));
            StreamFitResult result;
            try
            {
                result = await StreamTrainer.RunAsync(executor, dataPath, model, new StreamFitOptions
                {
                    ChunkSize = parse.GetValue(chunkSize), Epochs = parse.GetValue(epochs), ShuffleChunks = parse.GetValue(shuffle),
                    RandomState = parse.GetValue(seed), Target = targetColumn, Classes = classList.Numbers, ClassNames = classList.Labels,
                    Exclude = columnChoices.Drop, Features = columnChoices.Features, Progress = new ChunkLines(),
                }, ct);
            }
            finally
            {
                if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
            if (result.Model is not IPersistableModel persistable) throw new UsageException($"the {model.TypeName} model cannot be saved to a file.");
            using (var file = new AtomicOutput(outPath))
            {
                using (var stream = File.Create(file.TempPath)) ModelFile.Save(stream, persistable, EstimatorSpec.Of(model), result.FeatureNames);
                file.Commit();
            }
            for (int e = 0; e < result.EpochScores.Count; e++)
                if (result.ScoreName is not null)
                    System.Console.WriteLine($"epoch {e + 1}: mean progressive {result.ScoreName} {Format(result.EpochScores[e])}");
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.RowsLearned:N0} rows in {result.Chunks} chunks learned in {result.Elapsed.TotalSeconds:F1} s ({result.RowsPerSecond:N0} rows/s); model saved to {outPath}"));
            return 0;
        });
        return command;
    }

    /// <summary>--classes as numbers (a numeric target's labels) or, when any is not a number, as text labels.</summary>
    private static (double[]? Numbers, string[]? Labels) ParseClasses(string? text)
    {
        if (text is null) return (null, null);
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new UsageException("--classes needs at least one class label, e.g. --classes 0,1,2 or --classes ham,spam.");
        var numbers = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i])) return (null, parts);
        return (numbers, null);
    }

    private static string Format(double score) => double.IsNaN(score) ? "-" : score.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>One line per chunk: rows, progressive score and the epoch's running mean, rows/s so far.</summary>
    private sealed class ChunkLines : IProgress<StreamFitProgress>
    {
        public void Report(StreamFitProgress p) => System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch + 1} chunk {p.Chunk + 1}: rows {p.FirstRow + 1:N0}-{p.FirstRow + p.Rows:N0}, score {Format(p.Score)} (mean {Format(p.MeanScore)}), {p.RowsPerSecond:N0} rows/s"));
    }
}
