using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Persistence;

namespace Scalearn.Jobs;

/// <summary>
/// Progressive validation of one chunk: the chunk's rows (<paramref name="Rows"/>, a shared dataset with its target)
/// scored by the model learned from the chunks before it (<paramref name="Model"/>, the bytes of a model file). Both
/// empty: the chunk is not scored (the first chunk, or a model that does not predict).
/// </summary>
public sealed record StreamScoreTask(long Chunk, string Model, string Rows);

/// <summary>The model's default score on the chunk (NaN when not scored).</summary>
public sealed record StreamScoreResult(long Chunk, double Score);

/// <summary>
/// Scores a chunk with a snapshot of the incremental model taken before the chunk was learned from. A pure function
/// of its two inputs, so a task re-run on another worker gives the same score, bit for bit.
/// </summary>
[RegisteredTaskKind]
public sealed class StreamScoreKind : TaskKind<StreamScoreTask, StreamScoreResult>
{
    public static StreamScoreKind Instance { get; } = new();

    public override string Name => "scalearn.stream-score";

    public override TaskKey Key(StreamScoreTask task) => new(task.Chunk);

    public override IReadOnlyList<string> Inputs(StreamScoreTask task) => task.Model.Length == 0 ? [] : [task.Model, task.Rows];

    public override StreamScoreResult Run(StreamScoreTask task, TaskContext context)
    {
        if (task.Model.Length == 0) return new StreamScoreResult(task.Chunk, double.NaN);
        var bytes = context.Input<byte[]>(task.Model);
        var data = context.Input<Dataset>(task.Rows);
        context.DropInput(task.Model);
        context.DropInput(task.Rows);
        var loaded = ModelFile.Load(new MemoryStream(bytes, writable: false), "(model snapshot)");
        var predictor = loaded.Model as IPredictor ?? throw new InvalidDataException($"The model snapshot ({loaded.Format}) does not predict.");
        return new StreamScoreResult(task.Chunk, predictor.Score(data.All));
    }

    public override StreamScoreResult Failure(StreamScoreTask task, string error) => new(task.Chunk, double.NaN);

    public override void WriteTask(StreamScoreTask task, WireWriter writer)
    {
        writer.Int64(task.Chunk);
        writer.String(task.Model);
        writer.String(task.Rows);
    }

    public override StreamScoreTask ReadTask(WireReader reader) => new(reader.Int64(), reader.String(64), reader.String(64));

    public override void WriteResult(StreamScoreResult result, WireWriter writer)
    {
        writer.Int64(result.Chunk);
        writer.Double(result.Score);
    }

    public override StreamScoreResult ReadResult(WireReader reader) => new(reader.Int64(), reader.Double());

    public override string? Mismatch(StreamScoreTask task, StreamScoreResult result) =>
        result.Chunk != task.Chunk ? $"result for chunk {result.Chunk}, not {task.Chunk}" : null;
}
