using System.Globalization;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Distributed;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Jobs;

/// <summary>Settings of a many-models job.</summary>
public sealed record GroupTrainOptions
{
    public required string GroupBy { get; init; }
    public string Target { get; init; } = "target";

    /// <summary>A parameter grid (JSON) searched with <see cref="Cv"/>-fold cross-validation inside each group, or null to fit the estimator as given.</summary>
    public string? Grid { get; init; }

    public int Cv { get; init; } = 5;

    /// <summary>Columns left out of the features, such as an id column (which may hold text).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The only feature columns (the file's order is kept); null: every column but the target, the group column and <see cref="Exclude"/>.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>
    /// CSV: rows read to decide whether a kept or group column holds numbers or text (0 reads the whole file first); a
    /// later row that contradicts them is an error naming it.
    /// </summary>
    public int InferRows { get; init; } = TableOptions.Default.InferRows;

    /// <summary>
    /// The driver reads only the group column; each task's process reads its groups' rows from the data file itself (a
    /// path every worker can read). The fits are the same.
    /// </summary>
    public bool DataOnWorkers { get; init; }

    /// <summary>
    /// Where each task writes its groups' model files itself when its process sees that folder (the caller renames or
    /// reads them, then disposes the drop); a fit then carries the file's path (<see cref="GroupFit.ModelFile"/>)
    /// instead of its bytes. Null: every model comes back as bytes.
    /// </summary>
    public ModelDrop? Drop { get; init; }

    public IProgress<JobProgress>? Progress { get; init; }

    /// <summary>
    /// Called with each group's fit as its task's result arrives (on the caller's context, one at a time); what it returns
    /// is kept in the result instead, e.g. the fit without its model once the model is written, so memory does not grow
    /// with the number of groups.
    /// </summary>
    public Func<GroupFit, GroupFit>? Received { get; init; }
}

/// <summary>
/// One model per group of rows, on any executor. Groups are sorted largest first and small ones packed together up to
/// about total / (16 x slots) rows per task, so a skewed group distribution keeps every slot busy, the last tasks are short
/// (a slot left without work waits at most one of them out) and no task is tiny.
/// Results come back in input order of the groups' first rows.
/// </summary>
public static class GroupTrainer
{
    public static async Task<IReadOnlyList<GroupFit>> RunAsync(ITaskExecutor executor, string dataPath, EstimatorSpec estimator,
        GroupTrainOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(estimator);
        if (options.Grid is not null && options.Cv < 2) throw new ArgumentOutOfRangeException(nameof(options), options.Cv, "--cv must be at least 2.");
        var schema = TableReader.ReadSchema(dataPath, TableOptions.AllColumns);
        var names = schema.Columns.Select(c => c.Name).ToArray();
        if (!names.Contains(options.GroupBy))
            throw new ArgumentException($"--group-by: {dataPath} has no column '{options.GroupBy}'; its columns are: {string.Join(", ", names)}.");
        if (!names.Contains(options.Target))
            throw new ArgumentException($"--target: {dataPath} has no column '{options.Target}'; its columns are: {string.Join(", ", names)}.");
        estimator.Create();   // an unknown estimator or parameter fails here, before any data is read

        // Missing cells are read as NaN: each group's estimator then takes them (an imputing pipeline, gradient boosting)
        // or fails that group alone with its own error, as a per-group fit of a pandas frame does.
        var read = ReadOptions(options);
        var table = TableReader.ReadAll(dataPath, options.DataOnWorkers ? read with { Target = null, Features = [] } : read);
        var groups = Split(table, !options.DataOnWorkers);
        int slots = Math.Max(1, executor.Slots);
        long packRows = Math.Max(1, table.Count / (16L * slots));
        var packs = new List<List<GroupBlock.Group>>();
        List<GroupBlock.Group>? open = null;
        long openRows = 0;
        foreach (var g in groups.OrderByDescending(g => g.Y.Length).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            if (open is null || openRows >= packRows)
            {
                open = [];
                openRows = 0;
                packs.Add(open);
            }
            open.Add(g);
            openRows += g.Y.Length;
        }

        var fits = new Dictionary<string, GroupFit>();
        (string, string)? drop = options.Drop is { } d ? (d.Folder, d.Token) : null;
        await using (var job = executor.Start(GroupFitKind.Instance, null, new JobOptions { Progress = options.Progress, ExpectedTasks = packs.Count }))
        {
            var tasks = new List<GroupFitTask>();
            if (options.DataOnWorkers)
            {
                var whole = TablePartitioner.Split(Path.GetFullPath(dataPath), 1, cancellationToken);
                if (whole.Count != 1) throw new ArgumentException($"{dataPath} has no data rows.");
                var file = new TablePartitionBlob(whole[0], read);
                job.Share(file);
                for (int p = 0; p < packs.Count; p++) tasks.Add(new GroupFitTask(p, estimator, options.Grid, options.Cv, file.Id, packs[p].Select(g => g.Key).ToArray(), drop));
            }
            else
                for (int p = 0; p < packs.Count; p++)
                {
                    var blob = new BytesBlob(new GroupBlock(table.Schema.FeatureNames, table.Data.TargetName, packs[p], table.Data.ClassNames).Encode());
                    job.Share(blob);
                    tasks.Add(new GroupFitTask(p, estimator, options.Grid, options.Cv, blob.Id, Drop: drop));
                }
            job.Submit(tasks);
            job.Complete();
            try
            {
                await foreach (var outcome in job.Results(cancellationToken))
                {
                    if (outcome.Failed)
                        foreach (var g in packs[(int)outcome.Task.Pack])
                            fits[g.Key] = new GroupFit(g.Key, g.Y.Length, double.NaN, "", outcome.Seconds,
                                options.DataOnWorkers ? $"worker '{outcome.Worker}' could not fit the group from {Path.GetFullPath(dataPath)} (--data-on-workers; drop the flag " +
                                    $"if that path is not on a mount every worker can read, under its {DataDirectories.Variable}): {outcome.Error}" : outcome.Error, null);
                    else
                        foreach (var fit in outcome.Result.Groups.Select(f => Locate(f, options.Drop, outcome.Worker)))
                            fits[fit.Key] = options.Received is { } received ? received(fit) : fit;
                }
            }
            // The executor gave up part-way (on a cluster: no worker came back, or the broker stayed away): the groups
            // fitted so far are kept, and each of the others is failed with the reason.
            catch (Exception e) when (fits.Count > 0 && e is not OperationCanceledException)
            {
                string reason = "not fitted: " + e.Message;
                return groups.Select(g => fits.TryGetValue(g.Key, out var fit) ? fit : new GroupFit(g.Key, g.Y.Length, double.NaN, "", 0, reason, null)).ToArray();
            }
        }
        return groups.Select(g => fits.TryGetValue(g.Key, out var fit) ? fit
            : new GroupFit(g.Key, g.Y.Length, double.NaN, "", 0, "the group's task was not run.", null)).ToArray();
    }

    /// <summary>A fit whose model a task wrote into the drop, with the file's full path (failed if the name is not one of the drop's files).</summary>
    private static GroupFit Locate(GroupFit fit, ModelDrop? drop, string? worker)
    {
        if (fit.ModelFile is null) return fit;
        try
        {
            return fit with { ModelFile = (drop ?? throw new InvalidDataException("no model folder was given to the task")).PathOf(fit.ModelFile) };
        }
        catch (InvalidDataException e)
        {
            return fit with { ModelFile = null, Classes = null, Score = double.NaN, Error = $"worker '{worker}' sent a model file that cannot be used: {e.Message}" };
        }
    }

    private static TableOptions ReadOptions(GroupTrainOptions options) => new()
    {
        Target = options.Target, Group = options.GroupBy, Exclude = options.Exclude, Features = options.Features, AllowMissing = true,
        OptionNames = TableOptionNames.FixedWithDrop, InferRows = options.InferRows,
    };

    /// <summary>
    /// Whether <see cref="RunAsync"/> reads the group column of <paramref name="dataPath"/> as text (its keys are then the
    /// cells as spelled: "01" and "1" are two groups, as pandas groups an object column) rather than as numbers ("01",
    /// "1.0" and "1" are group 1, as pandas groups a numeric column); what the manifest records for prediction.
    /// </summary>
    public static bool GroupColumnHoldsText(string dataPath, GroupTrainOptions options) =>
        TableReader.ReadSchema(dataPath, ReadOptions(options) with { Target = null, Features = [] }).Group?.Kind == ColumnKind.String;

    /// <summary>The rows of each group (or, without <paramref name="copyRows"/>, only its row count), groups in order of their first row.</summary>
    private static List<GroupBlock.Group> Split(TableChunk table, bool copyRows)
    {
        var keys = GroupKeys(table.Group!);
        var rows = new Dictionary<string, List<int>>();
        var order = new List<string>();
        for (int i = 0; i < keys.Length; i++)
        {
            if (!rows.TryGetValue(keys[i], out var list))
            {
                rows[keys[i]] = list = [];
                order.Add(keys[i]);
            }
            list.Add(i);
        }
        var x = table.Data.X;
        var y = table.Data.Y!;
        return order.Select(key =>
        {
            var index = rows[key];
            if (!copyRows) return new GroupBlock.Group(key, new Matrix(0, 0), new double[index.Count]);
            var gx = new Matrix(index.Count, x.Cols);
            var gy = new double[index.Count];
            for (int r = 0; r < index.Count; r++)
            {
                x.Row(index[r]).CopyTo(gx.Row(r));
                gy[r] = y[index[r]];
            }
            return new GroupBlock.Group(key, gx, gy);
        }).ToList();
    }

    /// <summary>
    /// Each row's group key as text (numbers in invariant form): how fit-groups names a group and prediction finds it.
    /// A missing key however spelled ('', NA, N/A, null, ...) is "" in a text column, as it is NaN in a numeric one.
    /// </summary>
    internal static string[] GroupKeys(TableColumn column) => column switch
    {
        StringColumn s => s.Values.Select(v => v is null || CsvNumber.IsMissingToken(v) ? "" : v).ToArray(),
        LongColumn l => l.Values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray(),
        DoubleColumn d => d.Values.Select(NumberKey).ToArray(),
        _ => throw new InvalidOperationException($"Unknown column kind {column.Kind}."),
    };

    /// <summary>
    /// The key of a number: an integer as a <see cref="LongColumn"/> spells it (so 1e16 in a column that also holds 0.5
    /// is the group 10000000000000000 of a column of integers), anything else in round-trip form ("0.5", "NaN").
    /// </summary>
    internal static string NumberKey(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 9.2e18 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Each row's key as the groups of a numeric group column were keyed: a cell read as text ("01", "1.0" in a file
    /// where the column also holds words) is the number it spells (group 1), a missing one NaN; other text stays as it is
    /// (no numeric group has that key).
    /// </summary>
    internal static string[] NumericGroupKeys(TableColumn column) => column is StringColumn s
        ? s.Values.Select(v => v is null || CsvNumber.IsMissingToken(v) ? NumberKey(double.NaN)
            : CsvNumber.TryParse(v, out double number) ? NumberKey(number) : v).ToArray()
        : GroupKeys(column);
}
