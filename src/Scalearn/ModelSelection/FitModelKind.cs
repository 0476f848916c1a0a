using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Persistence;

namespace Scalearn.ModelSelection;

/// <summary>Fit an estimator on a whole shared dataset and bring the model back (a search's refit, run where the code is warm).</summary>
public sealed record FitModelTask(EstimatorSpec Estimator, string DataId);

/// <summary>The fitted model, and how long the fit took where it ran.</summary>
public sealed record FitModelResult(IModel? Model, double FitSeconds, string? Error);

/// <summary>
/// Fits a spec on a dataset. The model travels back as a Scalearn model file (checksummed), so only persistable models
/// can come from a worker; any failure is reported, and a search then refits on the driver instead.
/// </summary>
[RegisteredTaskKind]
public sealed class FitModelKind : TaskKind<FitModelTask, FitModelResult>
{
    public static FitModelKind Instance { get; } = new();

    public override string Name => "scalearn.fit-model";

    public override TaskKey Key(FitModelTask task) => new(0);

    public override IReadOnlyList<string> Inputs(FitModelTask task) => [task.DataId];

    public override FitModelResult Run(FitModelTask task, TaskContext context)
    {
        var clock = Stopwatch.StartNew();
        var model = task.Estimator.Create().Fit(context.Input<Dataset>(task.DataId).All);
        return new FitModelResult(model, clock.Elapsed.TotalSeconds, null);
    }

    public override FitModelResult Failure(FitModelTask task, string error) => new(null, 0, error);

    public override void WriteTask(FitModelTask task, WireWriter writer)
    {
        writer.String(task.Estimator.ToJson());
        writer.String(task.DataId);
    }

    public override FitModelTask ReadTask(WireReader reader)
    {
        return new FitModelTask(FitScoreKind.ReadSpec(reader), reader.String(64));
    }

    public override void WriteResult(FitModelResult result, WireWriter writer)
    {
        if (result.Model is not IPersistableModel persistable)
            throw new InvalidOperationException($"{result.Model?.GetType().Name ?? "The model"} cannot be saved, so it cannot travel back from a worker.");
        writer.Bytes(ModelFile.Serialize(persistable));
        writer.Double(result.FitSeconds);
    }

    public override FitModelResult ReadResult(WireReader reader)
    {
        var bytes = reader.Bytes();
        double seconds = reader.Double();
        try
        {
            return new FitModelResult(ModelFile.Load(new MemoryStream(bytes, writable: false), "a worker's model").Model, seconds, null);
        }
        catch (ModelFileException e)
        {
            throw new InvalidDataException("The model from the worker is not a valid model file: " + e.Message, e);
        }
    }

    public override string? Mismatch(FitModelTask task, FitModelResult result) =>
        !double.IsFinite(result.FitSeconds) || result.FitSeconds < 0 ? "fit time must be finite, non-negative seconds" : null;
}
