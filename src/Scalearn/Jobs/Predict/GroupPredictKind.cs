using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Jobs;

/// <summary>
/// Predict one chunk of rows with per-group models: row i goes to the model file <c>Models[Route[i]]</c>, or to none when
/// <c>Route[i]</c> is -1 (its prediction is then NaN). With <paramref name="Proba"/>, each row's probabilities are laid out
/// over <paramref name="Classes"/> (the sorted union of the groups' classes; a class a group's model lacks gets 0).
/// </summary>
/// <remarks><paramref name="FirstRow"/>: the chunk's first data row in the file (0-based), so an error about a row names the file's row.</remarks>
public sealed record GroupPredictTask(long Chunk, string Rows, IReadOnlyList<string> Models, int[] Route, bool Proba, double[] Classes, long FirstRow = 0);

/// <summary>
/// Routes a chunk's rows to their groups' models. Only the models the chunk needs are its inputs, so a worker fetches a
/// group's model file once, when a chunk first needs it, and decodes it once (kept in its resident cache like
/// <see cref="PredictKind"/>'s model).
/// </summary>
[RegisteredTaskKind]
public sealed class GroupPredictKind : TaskKind<GroupPredictTask, PredictResult>
{
    public static GroupPredictKind Instance { get; } = new();

    public override string Name => "scalearn.predict-groups";

    public override TaskKey Key(GroupPredictTask task) => new(task.Chunk);

    public override IReadOnlyList<string> Inputs(GroupPredictTask task) => [task.Rows, .. task.Models];

    public override PredictResult Run(GroupPredictTask task, TaskContext context)
    {
        int n = task.Route.Length, width = task.Proba ? task.Classes.Length : 0;
        var predictions = new double[n];
        Array.Fill(predictions, double.NaN);
        var proba = new double[n * width];
        if (task.Models.Count == 0)
        {
            context.DropInput(task.Rows);
            return new PredictResult(task.Chunk, predictions, width, proba);
        }
        var first = PredictKind.Resident(task.Models[0], context);
        var data = RowChunks.Load(task.Rows, context, d => first.Model.Align(d));
        if (data.Count != n) throw new InvalidDataException($"Chunk {task.Chunk} has {data.Count} rows but routes {n}.");
        var rows = new List<int>[task.Models.Count];
        for (int i = 0; i < n; i++)
        {
            int m = task.Route[i];
            if (m < -1 || m >= rows.Length) throw new InvalidDataException($"Row {i} is routed to model {m} of {rows.Length}.");
            if (m >= 0) (rows[m] ??= []).Add(i);
        }
        for (int m = 0; m < rows.Length; m++)
        {
            if (rows[m] is null) continue;
            context.Cancellation.ThrowIfCancellationRequested();
            var loaded = PredictKind.Resident(task.Models[m], context);
            var predictor = loaded.Model as IPredictor ?? throw new InvalidDataException($"The model ({loaded.Format}) does not predict.");
            var index = rows[m]!.ToArray();
            var view = data.Rows(index);
            double[] predicted;
            Matrix p;
            try
            {
                predicted = predictor.Predict(view);
                p = !task.Proba ? new Matrix(0, 0)
                    : (predictor as IClassifierModel ?? throw new InvalidDataException($"The model ({loaded.Format}) gives no class probabilities.")).PredictProba(view);
            }
            catch (ArgumentException e) when (DataRowError.TryRestate(e, row => PredictKind.InFile(task.FirstRow + index[row]), out string message))
            {
                throw new ArgumentException(message, e);   // the group's rows are a subset of the chunk's
            }
            for (int r = 0; r < index.Length; r++) predictions[index[r]] = predicted[r];
            if (!task.Proba) continue;
            var classifier = (IClassifierModel)predictor;
            for (int c = 0; c < classifier.Classes.Length; c++)
            {
                int column = Array.BinarySearch(task.Classes, classifier.Classes[c]);
                if (column < 0) throw new InvalidDataException($"A group's model has class {classifier.Classes[c]}, which is not among the {task.Classes.Length} classes of the job.");
                for (int r = 0; r < index.Length; r++) proba[index[r] * width + column] = p[r, c];
            }
        }
        return new PredictResult(task.Chunk, predictions, width, proba);
    }

    public override PredictResult Failure(GroupPredictTask task, string error) => new(task.Chunk, [], 0, []);

    public override void WriteTask(GroupPredictTask task, WireWriter writer)
    {
        writer.Int64(task.Chunk);
        writer.String(task.Rows);
        writer.Strings(task.Models);
        writer.Int32s(task.Route);
        writer.Bool(task.Proba);
        writer.Doubles(task.Classes);
        writer.Int64(task.FirstRow);
    }

    public override GroupPredictTask ReadTask(WireReader reader) =>
        new(reader.Int64(), reader.String(64), reader.Strings(1 << 20), reader.Int32s(), reader.Bool(), reader.Doubles(), reader.Int64());

    public override void WriteResult(PredictResult result, WireWriter writer) => PredictKind.Instance.WriteResult(result, writer);

    public override PredictResult ReadResult(WireReader reader) => PredictKind.Instance.ReadResult(reader);

    public override string? Mismatch(GroupPredictTask task, PredictResult result) =>
        result.Chunk != task.Chunk ? $"result for chunk {result.Chunk}, not {task.Chunk}"
        : result.Predictions.Length != task.Route.Length ? $"{result.Predictions.Length} predictions for {task.Route.Length} rows"
        : result.Width != (task.Proba ? task.Classes.Length : 0) ? "probabilities of the wrong width"
        : result.Proba.LongLength != (long)result.Width * result.Predictions.Length ? "probabilities do not match the rows" : null;

    public override long Rows(GroupPredictTask task, PredictResult result) => result.Predictions.Length;
}
