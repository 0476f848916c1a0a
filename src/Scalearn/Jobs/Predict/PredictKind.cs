using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Persistence;

namespace Scalearn.Jobs;

/// <summary>
/// Predict one chunk of rows (<paramref name="Rows"/>: a shared dataset of the chunk's feature and text columns, or a
/// partition of the file that the task's process reads itself) with a shipped model file. <paramref name="FirstRow"/>:
/// the chunk's first data row in the file (0-based), so an error about a row names the file's row.
/// </summary>
public sealed record PredictTask(long Chunk, string Model, string Rows, bool Proba, long FirstRow = 0);

/// <summary>One prediction per row, and with probabilities <paramref name="Width"/> values per row (row-major).</summary>
public sealed record PredictResult(long Chunk, double[] Predictions, int Width, double[] Proba);

/// <summary>
/// Scores one chunk. The model arrives as the bytes of its model file, shared once per job; each process decodes it
/// once and keeps the model resident (keyed by the file's content hash), so every later chunk costs only its rows.
/// </summary>
[RegisteredTaskKind]
public sealed class PredictKind : TaskKind<PredictTask, PredictResult>
{
    public static PredictKind Instance { get; } = new();

    public override string Name => "scalearn.predict";

    public override TaskKey Key(PredictTask task) => new(task.Chunk);

    public override IReadOnlyList<string> Inputs(PredictTask task) => [task.Model, task.Rows];

    public override string? PreferredInput(PredictTask task) => task.Model;

    public override PredictResult Run(PredictTask task, TaskContext context)
    {
        var loaded = Resident(task.Model, context);
        var data = RowChunks.Load(task.Rows, context, d => loaded.Model.Align(d)).All;
        var predictor = loaded.Model as IPredictor ?? throw new InvalidDataException($"The model ({loaded.Format}) does not predict.");
        try
        {
            var predictions = predictor.Predict(data);
            if (!task.Proba) return new PredictResult(task.Chunk, predictions, 0, []);
            var classifier = predictor as IClassifierModel ?? throw new InvalidDataException($"The model ({loaded.Format}) gives no class probabilities.");
            var proba = classifier.PredictProba(data);
            return new PredictResult(task.Chunk, predictions, proba.Cols, proba.Values);
        }
        catch (ArgumentException e) when (DataRowError.TryRestate(e, row => InFile(task.FirstRow + row), out string message))
        {
            throw new ArgumentException(message, e);
        }
    }

    /// <summary>A chunk's row as the file's data row (1-based, as "Predicting rows 21-30" counts).</summary>
    internal static string InFile(long row) => $"data row {row + 1}";

    /// <summary>The model of a shared model file, decoded once per process.</summary>
    internal static LoadedModel Resident(string id, TaskContext context) =>
        context.Resident.GetOrAdd(ResidentCache.HeldKey(id), () =>
        {
            var bytes = context.Input<byte[]>(id);
            return (ModelFile.Load(new MemoryStream(bytes, writable: false), "(shipped model)"), 4L * bytes.Length);
        });

    public override PredictResult Failure(PredictTask task, string error) => new(task.Chunk, [], 0, []);

    public override void WriteTask(PredictTask task, WireWriter writer)
    {
        writer.Int64(task.Chunk);
        writer.String(task.Model);
        writer.String(task.Rows);
        writer.Bool(task.Proba);
        writer.Int64(task.FirstRow);
    }

    public override PredictTask ReadTask(WireReader reader) => new(reader.Int64(), reader.String(64), reader.String(64), reader.Bool(), reader.Int64());

    public override void WriteResult(PredictResult result, WireWriter writer)
    {
        writer.Int64(result.Chunk);
        writer.FewDoubles(result.Predictions);   // a classifier's labels: a byte each
        writer.Int32(result.Width);
        writer.Doubles(result.Proba);
    }

    public override PredictResult ReadResult(WireReader reader) =>
        new(reader.Int64(), reader.FewDoubles(), reader.Int32(0, 1 << 20, "Class count"), reader.Doubles());

    public override string? Mismatch(PredictTask task, PredictResult result) =>
        result.Chunk != task.Chunk ? $"result for chunk {result.Chunk}, not {task.Chunk}"
        : task.Proba != result.Width > 0 ? "probabilities asked for but missing, or the other way round"
        : result.Proba.LongLength != (long)result.Width * result.Predictions.Length ? "probabilities do not match the rows" : null;

    public override long Rows(PredictTask task, PredictResult result) => result.Predictions.Length;
}
