using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Distributed;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.ModelSelection;
using Scalearn.Persistence;

namespace Scalearn.Jobs;

/// <summary>
/// Fit one model per group for the groups packed in <paramref name="Data"/> (an input holding a <see cref="GroupBlock"/>):
/// <paramref name="Estimator"/> as given, or the best of a cross-validated grid search (<paramref name="Grid"/>, <paramref name="Cv"/> folds).
/// With <paramref name="Keys"/>, <paramref name="Data"/> is instead a partition of the data file (<see cref="TablePartitionBlob"/>)
/// that the task's process reads itself, keeping the rows of these groups.
/// With <paramref name="Drop"/> (a <see cref="ModelDrop"/>'s folder and token), the task writes each model file there
/// itself when its process sees that folder, and sends back the file's name instead of the bytes.
/// </summary>
public sealed record GroupFitTask(long Pack, EstimatorSpec Estimator, string? Grid, int Cv, string Data, IReadOnlyList<string>? Keys = null,
    (string Folder, string Token)? Drop = null);

/// <summary>
/// What one group's fit gave: its model file's bytes (<paramref name="Model"/>) or, when the task wrote the file into
/// the job's <see cref="ModelDrop"/>, its path (<paramref name="ModelFile"/>; both null when the fit failed), score,
/// chosen parameters (JSON), error, and a classifier's classes.
/// </summary>
public sealed record GroupFit(string Key, int Rows, double Score, string Params, double FitSeconds, string? Error, byte[]? Model,
    string? ModelFile = null, double[]? Classes = null)
{
    public bool Ok => Error is null;
}

public sealed record GroupFitResult(long Pack, IReadOnlyList<GroupFit> Groups);

/// <summary>
/// Fits a pack of groups one after the other. A group that fails (too few rows, one class, bad values) becomes a
/// failed <see cref="GroupFit"/> with its error; the others in the pack still fit.
/// </summary>
[RegisteredTaskKind]
public sealed class GroupFitKind : TaskKind<GroupFitTask, GroupFitResult>
{
    public static GroupFitKind Instance { get; } = new();

    public override string Name => "scalearn.fit-groups";

    public override TaskKey Key(GroupFitTask task) => new(task.Pack);

    public override IReadOnlyList<string> Inputs(GroupFitTask task) => [task.Data];

    public override GroupFitResult Run(GroupFitTask task, TaskContext context)
    {
        var block = task.Keys is null ? GroupBlock.Decode(context.Input<byte[]>(task.Data))
            : GroupBlock.Read(context.Input<TablePartitionSource>(task.Data), task.Keys, context.Cancellation);
        context.DropInput(task.Data);
        var fits = new List<GroupFit>(block.Groups.Count);
        foreach (var group in block.Groups)
        {
            FitInterruption.Check();
            fits.Add(Fit(task, group, block));
        }
        return new GroupFitResult(task.Pack, fits);
    }

    private static GroupFit Fit(GroupFitTask task, GroupBlock.Group group, GroupBlock block)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var names = block.FeatureNames;
            var data = new Dataset(group.X, group.Y, names, block.TargetName, group.Key, classNames: block.ClassNames);
            IModel model;
            double score;
            IReadOnlyDictionary<string, object?> chosen;
            if (task.Grid is null)
            {
                model = task.Estimator.Create().Fit(data);
                score = ((IPredictor)model).Score(data);
                chosen = task.Estimator.Parameters;
            }
            else
            {
                var estimator = task.Estimator.Create();
                var search = new GridSearch(estimator, ParamGrid.Parse(task.Grid))
                {
                    Executor = new LocalExecutor(1), ErrorScore = null,
                    Cv = estimator is IClassifierEstimator ? new StratifiedKFold(task.Cv) : new KFold(task.Cv),
                };
                var result = search.Fit(data);
                model = result.BestModel ?? throw new InvalidOperationException("the search found no model.");
                score = result.BestScore;
                chosen = result.BestParams;
            }
            var persistable = model as IPersistableModel ?? throw new InvalidOperationException($"{model.GetType().Name} cannot be saved.");
            string json = RawJson.ToJson(chosen.ToDictionary(kv => kv.Key, kv => ParamConverter.ToRaw(kv.Value)));
            var bytes = ModelFile.Serialize(persistable, null, names);
            var classes = (model as IClassifierModel)?.Classes;
            string? written = task.Drop is { } drop ? ModelDrop.TryWrite(drop.Folder, drop.Token, bytes) : null;
            return new GroupFit(group.Key, group.X.Rows, score, json, clock.Elapsed.TotalSeconds, null, written is null ? bytes : null, written, classes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new GroupFit(group.Key, group.X.Rows, double.NaN, "", clock.Elapsed.TotalSeconds, e.Message, null);
        }
    }

    public override GroupFitResult Failure(GroupFitTask task, string error) => new(task.Pack, []);

    public override void WriteTask(GroupFitTask task, WireWriter writer)
    {
        writer.Int64(task.Pack);
        writer.String(task.Estimator.ToJson());
        writer.String(task.Grid);
        writer.Int32(task.Cv);
        writer.String(task.Data);
        writer.Bool(task.Keys is not null);
        if (task.Keys is not null) writer.Strings(task.Keys);
        writer.Bool(task.Drop is not null);
        if (task.Drop is { } drop)
        {
            writer.String(drop.Folder);
            writer.String(drop.Token);
        }
    }

    public override GroupFitTask ReadTask(WireReader reader) =>
        new(reader.Int64(), FitScoreKind.ReadSpec(reader), reader.NullableString(1 << 20), reader.Int32(2, 1000, "cv"), reader.String(64),
            reader.Bool() ? reader.Strings(1 << 24) : null, reader.Bool() ? (reader.String(1 << 16), reader.String(64)) : null);

    public override void WriteResult(GroupFitResult result, WireWriter writer)
    {
        writer.Int64(result.Pack);
        writer.Int32(result.Groups.Count);
        foreach (var g in result.Groups)
        {
            writer.String(g.Key);
            writer.Int32(g.Rows);
            writer.Double(g.Score);
            writer.String(g.Params);
            writer.Double(g.FitSeconds);
            writer.String(g.Error);
            writer.Bool(g.Model is not null);
            if (g.Model is not null) writer.Bytes(g.Model);
            writer.String(g.ModelFile);
            writer.Doubles(g.Classes);
        }
    }

    public override GroupFitResult ReadResult(WireReader reader)
    {
        long pack = reader.Int64();
        int count = reader.Int32(0, 1 << 24, "Group count");
        var groups = new GroupFit[count];
        for (int i = 0; i < count; i++)
            groups[i] = new GroupFit(reader.String(1 << 16), reader.Int32(0, int.MaxValue, "Rows"), reader.Double(), reader.String(1 << 20),
                reader.Double(), reader.NullableString(1 << 16), reader.Bool() ? reader.Bytes() : null, reader.NullableString(256),
                reader.NullableDoubles(1 << 24));
        return new GroupFitResult(pack, groups);
    }

    public override string? Mismatch(GroupFitTask task, GroupFitResult result) => result.Pack != task.Pack ? $"result for pack {result.Pack}, not {task.Pack}" : null;

    public override long Rows(GroupFitTask task, GroupFitResult result) => result.Groups.Sum(g => (long)g.Rows);
}
