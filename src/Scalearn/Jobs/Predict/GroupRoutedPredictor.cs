using System.Diagnostics;
using System.Globalization;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Persistence;

namespace Scalearn.Jobs;

/// <summary>
/// Batch inference with a fit-groups output folder, on any executor: each row goes to the model of its group (by the
/// column fit-groups split the rows by). The output has the kept columns, <c>prediction</c>, with
/// <see cref="BatchPredictOptions.Proba"/> one <c>proba_&lt;class&gt;</c> column per class of any group's model (0 for a
/// class a group's model lacks), and <c>status</c>: <c>ok</c>, <c>unknown_group</c> (no model for that group) or
/// <c>failed_group</c> (its fit failed); the prediction is empty unless ok. Rows stream in chunks as in
/// <see cref="BatchPredictor"/>; a chunk ships only the model files its rows need, and the driver never loads more
/// than one model (to read the features).
/// </summary>
public static class GroupRoutedPredictor
{
    public const string Ok = "ok", UnknownGroup = "unknown_group", FailedGroup = "failed_group";

    public static async Task<BatchPredictSummary> RunAsync(ITaskExecutor executor, string modelFolder, string dataPath, string outPath,
        BatchPredictOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        options ??= new BatchPredictOptions();
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "--batch-size must be at least 1.");
        var clock = Stopwatch.StartNew();
        var groups = GroupModels.Open(modelFolder);
        var fitted = groups.Groups.Where(g => g.Ok).ToArray();
        if (fitted.Length == 0) throw new ArgumentException($"{modelFolder}: no group's model was fitted ({GroupModels.TableName} lists every group as failed).");
        if (options.Keep.Any(k => k is "prediction" or "status" || k.StartsWith("proba_", StringComparison.Ordinal)))
            throw new ArgumentException("--keep: 'prediction', 'status' and 'proba_*' are the names of the output's own columns; rename the input column.");
        var loaded = ModelFile.Load(fitted[0].ModelPath!);   // one model, for the features every group's model shares
        var predictor = loaded.Model as IPredictor ?? throw new ArgumentException($"The model in '{fitted[0].ModelPath}' ({loaded.Format}) does not predict.");
        double[] classes = [];
        if (options.Proba)
        {
            if (fitted.FirstOrDefault(g => g.Classes is null) is { } regressor)
                throw new ArgumentException($"--proba: the model of group '{regressor.Key}' in {modelFolder} is not a classifier, so it gives no probabilities.");
            classes = fitted.SelectMany(g => g.Classes!).Distinct().Order().ToArray();
        }
        bool classifier = fitted.All(g => g.Classes is not null);
        var schema = ModelSchema.For(loaded.Model);
        var mapping = FeatureMapping.Create(dataPath, loaded.FeatureNames, predictor.FeatureCount, options.Target, options.Keep, schema?.TextColumns,
            schema?.ClassNames, schema?.TargetName, groups.GroupBy, options.InferRows, groupAsText: groups.TextKeys == true);
        Func<double, string>? label = schema?.ClassNames is not null ? schema.Label : null;
        var probaNames = classes.Select(c => "proba_" + (label is null ? c.ToString("R", CultureInfo.InvariantCulture) : label(c))).ToArray();
        var score = options.Target is null ? null : new StreamedScore(classifier);

        var blobs = new Dictionary<string, FileBlob>(StringComparer.Ordinal);
        var job = executor.Start(GroupPredictKind.Instance, null, new JobOptions { Progress = options.Progress });
        long rows = await OrderedOutput.RunAsync(job, () => executor.Slots, outPath,
            (Pending chunk, TaskOutcome<GroupPredictTask, PredictResult> outcome) =>
                RowChunks.Failure(dataPath, chunk.FirstRow, chunk.Count, options.DataOnWorkers, outcome.Worker, outcome.Error),
            task => task.Rows,
            (writer, chunk, result) => Write(writer, chunk, result, probaNames, label, score),
            async (window, chunks) =>
            {
                foreach (var chunk in RowChunks.Read(dataPath, mapping, loaded.FeatureNames, options.BatchSize, executor.Slots, options.DataOnWorkers, cancellationToken))
                {
                    var keys = groups.Keys(chunk.Driver!.Group!);
                    var models = new List<string>();
                    var slot = new Dictionary<string, int>(StringComparer.Ordinal);
                    var route = new int[chunk.Count];
                    var status = new string?[chunk.Count];
                    for (int i = 0; i < route.Length; i++)
                    {
                        route[i] = -1;
                        var entry = groups.Find(keys[i]);
                        status[i] = entry is null ? UnknownGroup : entry.Ok ? Ok : FailedGroup;
                        if (entry is not { Ok: true }) continue;
                        if (!slot.TryGetValue(entry.Key, out int m))
                        {
                            if (!blobs.TryGetValue(entry.Key, out var blob))
                            {
                                blobs[entry.Key] = blob = new FileBlob(entry.ModelPath!);
                                job.Share(blob);
                            }
                            slot[entry.Key] = m = models.Count;
                            models.Add(blob.Id);
                        }
                        route[i] = m;
                    }
                    chunks.Share(chunk.Rows);
                    await window.SubmitAsync(new GroupPredictTask(window.Next, chunk.Rows.Id, models, route, options.Proba, classes, chunk.FirstRow),
                        new Pending(chunk.FirstRow, chunk.Count, chunk.Kept(options.Keep), chunk.Driver.Data.Y, status));
                }
            },
            writer => Write(writer, new Pending(0, 0, BatchPredictor.EmptyKept(dataPath, mapping, options.Keep), null, []), BatchPredictor.NoRows(probaNames),
                probaNames, label, null),
            cancellationToken);
        return new BatchPredictSummary(rows, score?.Name, score?.Value, clock.Elapsed);
    }

    private sealed record Pending(long FirstRow, int Count, IReadOnlyList<TableColumn> Kept, double[]? Y, string?[] Status);

    private static long Write(ITableWriter writer, Pending chunk, PredictResult result, string[] probaNames, Func<double, string>? label, StreamedScore? score)
    {
        if (result.Predictions.Length != chunk.Count)
            throw new InvalidOperationException($"Chunk at row {chunk.FirstRow + 1} got {result.Predictions.Length} predictions for {chunk.Count} rows.");
        var columns = new List<TableColumn>(chunk.Kept)
        {
            label is null ? new DoubleColumn("prediction", result.Predictions)
                : new StringColumn("prediction", Array.ConvertAll(result.Predictions, p => double.IsNaN(p) ? null : (string?)label(p))),
        };
        for (int c = 0; c < probaNames.Length; c++)
        {
            var values = new double[chunk.Count];
            for (int i = 0; i < values.Length; i++) values[i] = chunk.Status[i] == Ok ? result.Proba[i * result.Width + c] : double.NaN;
            columns.Add(new DoubleColumn(probaNames[c], values));
        }
        columns.Add(new StringColumn("status", chunk.Status));
        writer.Write(columns);
        if (score is not null && chunk.Y is not null)
        {
            var ok = Enumerable.Range(0, chunk.Count).Where(i => chunk.Status[i] == Ok).ToArray();
            score.Add(ok.Select(i => chunk.Y[i]).ToArray(), ok.Select(i => result.Predictions[i]).ToArray());
        }
        return chunk.Count;
    }
}
