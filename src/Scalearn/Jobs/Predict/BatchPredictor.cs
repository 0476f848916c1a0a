using System.Diagnostics;
using System.Globalization;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.Persistence;

namespace Scalearn.Jobs;

/// <summary>Settings of a batch prediction.</summary>
public sealed record BatchPredictOptions
{
    /// <summary>Also write one <c>proba_&lt;class&gt;</c> column per class (classifiers only).</summary>
    public bool Proba { get; init; }

    /// <summary>
    /// Rows per task; null: 10,000 when the driver streams the rows, and with <see cref="DataOnWorkers"/> partitions sized
    /// for the executor's slots (about 8 per slot, at least 10,000 rows, at most 16 MB of the file).
    /// </summary>
    public int? BatchSize { get; init; }

    /// <summary>Input columns copied to the output, before the predictions.</summary>
    public IReadOnlyList<string> Keep { get; init; } = [];

    /// <summary>A target column to score against (not a feature), or null.</summary>
    public string? Target { get; init; }

    /// <summary>
    /// CSV: rows read to decide whether a kept or group column holds numbers or text (0 reads the whole file first); a
    /// later row that contradicts them is an error naming it.
    /// </summary>
    public int InferRows { get; init; } = TableOptions.Default.InferRows;

    /// <summary>
    /// Each task's process reads its rows from the data file itself (a path every worker can read, e.g. a shared mount)
    /// instead of the driver streaming them through the executor; the output is the same.
    /// </summary>
    public bool DataOnWorkers { get; init; }

    public IProgress<JobProgress>? Progress { get; init; }
}

/// <summary>Rows predicted, and the score against the target when one was given.</summary>
public sealed record BatchPredictSummary(long Rows, string? ScoreName, double? Score, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Batch inference over a CSV or Parquet file of any size, on any executor: the driver reads the file chunk by chunk
/// (or, with <see cref="BatchPredictOptions.DataOnWorkers"/>, plans ranges of it that the workers read; see
/// <see cref="RowChunks"/>), ships each chunk as an input of one <see cref="PredictKind"/> task with at most 2 x slots + 2 chunks outstanding,
/// and writes the predictions in input order as they come back (an out-of-order chunk waits, within that bound). The
/// model file goes to each worker once and is decoded there once. Memory is set by the batch size, not the file.
/// </summary>
public static class BatchPredictor
{
    public static async Task<BatchPredictSummary> RunAsync(ITaskExecutor executor, string modelPath, string dataPath, string outPath,
        BatchPredictOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        options ??= new BatchPredictOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "--batch-size must be at least 1.");
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(modelPath))
            throw new ArgumentException($"The model '{modelPath}' is a folder without {GroupModels.TableName}: give a model file, or a folder written by 'scalearn fit-groups'.");
        var modelBytes = await File.ReadAllBytesAsync(modelPath, cancellationToken);
        var loaded = ModelFile.Load(new MemoryStream(modelBytes, writable: false), modelPath);
        var predictor = loaded.Model as IPredictor
            ?? throw new ArgumentException($"The model in '{modelPath}' ({loaded.Format}) does not predict.");
        var classifier = predictor as IClassifierModel;
        if (options.Proba && classifier is null)
            throw new ArgumentException($"--proba: the model in '{modelPath}' ({loaded.Format}) is not a classifier, so it gives no probabilities.");
        if (options.Proba && classifier!.ProbabilityUnavailable is { } why)
            throw new ArgumentException($"--proba: the model in '{modelPath}' ({loaded.Format}) gives no probabilities: {why}");
        if (options.Keep.Contains("prediction") || options.Keep.Any(k => k.StartsWith("proba_", StringComparison.Ordinal)))
            throw new ArgumentException("--keep: 'prediction' and 'proba_*' are the names of the output's own columns; rename the input column.");
        if (options.Target is not null && loaded.UnscoredEstimator is { } unscored)
            throw new ArgumentException($"--target: the model in '{modelPath}' ({unscored}) is not a classifier or a regressor: its predictions " +
                $"(cluster labels) are not scored against a target (scikit-learn's score of a clusterer ignores y); use --keep {options.Target} to copy the column to the output.");
        var schema = ModelSchema.For(loaded.Model);
        if (options.Target is not null && schema?.ClassNames is null
            && TableReader.ReadSchema(dataPath, TableOptions.AllColumns with { InferRows = options.InferRows }).Columns.FirstOrDefault(c => c.Name == options.Target) is { Kind: ColumnKind.String })
            throw new ArgumentException($"--target: the column '{options.Target}' of {dataPath} holds text, but the model " +
                $"{(classifier is null ? "is a regressor" : "was fitted on numeric class labels")}, so it cannot be scored against it: fix the column's non-numeric values.");
        var mapping = FeatureMapping.Create(dataPath, loaded.FeatureNames, predictor.FeatureCount, options.Target, options.Keep, schema?.TextColumns, schema?.ClassNames, schema?.TargetName,
            inferRows: options.InferRows);
        Func<double, string>? label = schema?.ClassNames is not null ? schema.Label : null;
        var probaNames = options.Proba
            ? classifier!.Classes.Select(c => "proba_" + (label is null ? c.ToString("R", CultureInfo.InvariantCulture) : label(c))).ToArray()
            : [];
        var score = options.Target is null ? null : new StreamedScore(classifier is not null);

        var model = new BytesBlob(modelBytes);
        long rows = await OrderedOutput.RunAsync(executor.Start(PredictKind.Instance, [model], new JobOptions { Progress = options.Progress }), () => executor.Slots, outPath,
            (Pending chunk, TaskOutcome<PredictTask, PredictResult> outcome) =>
                RowChunks.Failure(dataPath, chunk.FirstRow, chunk.Count, options.DataOnWorkers, outcome.Worker, outcome.Error),
            task => task.Rows,
            (writer, chunk, result) => Write(writer, chunk, result, probaNames, label, score),
            async (window, chunks) =>
            {
                foreach (var chunk in RowChunks.Read(dataPath, mapping, loaded.FeatureNames, options.BatchSize, executor.Slots, options.DataOnWorkers, cancellationToken))
                {
                    chunks.Share(chunk.Rows);
                    await window.SubmitAsync(new PredictTask(window.Next, model.Id, chunk.Rows.Id, options.Proba, chunk.FirstRow), Pending.Of(chunk, options.Keep));
                }
            },
            writer => Write(writer, new Pending(0, 0, EmptyKept(dataPath, mapping, options.Keep), null), NoRows(probaNames), probaNames, label, null),
            cancellationToken);
        return new BatchPredictSummary(rows, score?.Name, score?.Value, clock.Elapsed);
    }

    /// <summary>The kept columns of a file without rows (so an empty input still gives the output's header or schema).</summary>
    internal static IReadOnlyList<TableColumn> EmptyKept(string dataPath, FeatureMapping mapping, IReadOnlyList<string> keep)
    {
        if (keep.Count == 0) return [];
        // Read as the driver reads them when the workers read the features: a kept feature or numeric target as a passthrough column.
        var schema = TableReader.ReadSchema(dataPath, mapping.DriverOptions);
        var copies = mapping.DriverCopyOptions is null ? null : TableReader.ReadSchema(dataPath, mapping.DriverCopyOptions);
        return keep.Select(name => (copies?.Passthrough.FirstOrDefault(c => c.Name == name) ?? schema[name]) switch
        {
            { Role: ColumnRole.Target } when mapping.Options.ClassNames is null && schema[name].Kind != ColumnKind.String => (TableColumn)new DoubleColumn(name, []),
            { Kind: ColumnKind.Double } c when c.Role != ColumnRole.Target && c.Role != ColumnRole.Text => new DoubleColumn(name, []),
            { Kind: ColumnKind.Long } => new LongColumn(name, []),
            var c => new StringColumn(name, [], c.TextType),
        }).ToArray();
    }

    /// <summary>The result of predicting no rows.</summary>
    internal static PredictResult NoRows(string[] probaNames) => new(0, [], probaNames.Length, []);

    private sealed record Pending(long FirstRow, int Count, IReadOnlyList<TableColumn> Kept, double[]? Y)
    {
        public static Pending Of(RowChunk chunk, IReadOnlyList<string> keep) =>
            new(chunk.FirstRow, chunk.Count, chunk.Kept(keep), chunk.Driver?.Data.Y);
    }

    /// <summary>
    /// The <paramref name="keep"/> columns of a chunk, for the output; a kept column that <paramref name="chunk"/> read as
    /// a feature or numeric target comes from <paramref name="copies"/>, the same rows with it read as a passthrough column.
    /// </summary>
    internal static IReadOnlyList<TableColumn> Kept(TableChunk chunk, TableChunk? copies, IReadOnlyList<string> keep)
    {
        if (keep.Count == 0) return [];
        var columns = new TableColumn[keep.Count];
        for (int k = 0; k < keep.Count; k++)
        {
            string name = keep[k];
            var role = chunk.Schema[name].Role;
            columns[k] = role switch
            {
                ColumnRole.Passthrough => chunk.Passthrough.First(c => c.Name == name),
                ColumnRole.Target when copies?.Passthrough.FirstOrDefault(c => c.Name == name) is { } copy => copy,
                ColumnRole.Target when chunk.Data.ClassNames is { } classes => new StringColumn(name, Array.ConvertAll(chunk.Data.Y!, y => (string?)classes[(int)y])),
                ColumnRole.Target => new DoubleColumn(name, (double[])chunk.Data.Y!.Clone()),
                ColumnRole.Text => new StringColumn(name, chunk.Data.TextColumns[name]),
                ColumnRole.Feature => copies?.Passthrough.FirstOrDefault(c => c.Name == name)
                    ?? throw new InvalidOperationException($"Kept feature column '{name}' was not read as it is in the file."),
                ColumnRole.Group => chunk.Group!,
                _ => throw new InvalidOperationException($"Column '{name}' was not read."),
            };
        }
        return columns;
    }

    private static long Write(ITableWriter writer, Pending chunk, PredictResult result, string[] probaNames, Func<double, string>? label, StreamedScore? score)
    {
        if (result.Predictions.Length != chunk.Count)
            throw new InvalidOperationException($"Chunk at row {chunk.FirstRow + 1} got {result.Predictions.Length} predictions for {chunk.Count} rows.");
        if (result.Width != probaNames.Length && probaNames.Length > 0)
            throw new InvalidOperationException($"The model gave {result.Width} probabilities per row for {probaNames.Length} classes.");
        var columns = new List<TableColumn>(chunk.Kept)
        {
            label is null ? new DoubleColumn("prediction", result.Predictions) : new StringColumn("prediction", Array.ConvertAll(result.Predictions, p => (string?)label(p))),
        };
        for (int c = 0; c < probaNames.Length; c++)
        {
            var values = new double[chunk.Count];
            for (int i = 0; i < values.Length; i++) values[i] = result.Proba[i * result.Width + c];
            columns.Add(new DoubleColumn(probaNames[c], values));
        }
        writer.Write(columns);
        if (score is not null && chunk.Y is not null) score.Add(chunk.Y, result.Predictions);
        return chunk.Count;
    }
}
