using Scalearn.Data;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Neighbors;

namespace Scalearn.Jobs;

/// <summary>
/// The <paramref name="K"/> nearest indexed points of one chunk of queries: the rows of <paramref name="Queries"/> (a
/// <see cref="RowBlock"/> input), or with <paramref name="Queries"/> null the indexed points
/// [<paramref name="SelfStart"/>, + <paramref name="SelfCount"/>) themselves, each excluding itself. <paramref name="P"/>:
/// the minkowski metric's power.
/// </summary>
public sealed record KnnTask(long Chunk, string Index, string Metric, int K, string? Queries, int SelfStart, int SelfCount, double P = 2);

/// <summary>Row-major (queries x k) neighbour indices and distances, nearest first.</summary>
public sealed record KnnResult(long Chunk, int K, int[] Indices, double[] Distances);

/// <summary>
/// Queries a resident index: the indexed points arrive once per process as a shared <see cref="RowBlock"/>, the
/// NearestNeighbors index is built there once and kept. Ties are broken by (distance, index), so the answer does not
/// depend on where or in which chunks the queries ran.
/// </summary>
[RegisteredTaskKind]
public sealed class KnnKind : TaskKind<KnnTask, KnnResult>
{
    public static KnnKind Instance { get; } = new();

    public override string Name => "scalearn.knn";

    public override TaskKey Key(KnnTask task) => new(task.Chunk);

    public override IReadOnlyList<string> Inputs(KnnTask task) => task.Queries is null ? [task.Index] : [task.Index, task.Queries];

    public override string? PreferredInput(KnnTask task) => task.Index;

    public override KnnResult Run(KnnTask task, TaskContext context)
    {
        var (points, model) = context.Resident.GetOrAdd(FittedKey(task.Index, task.Metric, task.P), () =>
        {
            var x = RowChunks.Matrix(task.Index, context);
            var estimator = new NearestNeighbors { NJobs = 1, P = task.P };
            estimator.SetParam("metric", task.Metric);
            return (Tuple.Create(x, (NearestNeighborsModel)estimator.Fit(new Dataset(x).All)), 3L * x.Values.Length * sizeof(double));
        }).ToValueTuple();
        if (task.Queries is null) return Self(task, points, model);
        var queries = RowChunks.Matrix(task.Queries, context);
        context.DropInput(task.Queries);
        var found = model.KNeighbors(new Dataset(queries).All, task.K);
        return new KnnResult(task.Chunk, task.K, found.Indices, found.Distances.Values);
    }

    /// <summary>scikit-learn's kneighbors() without X: k + 1 neighbours, then each point's own entry removed (or the first, when duplicates hide it).</summary>
    private static KnnResult Self(KnnTask task, Matrix points, NearestNeighborsModel model)
    {
        if (task.SelfStart < 0 || task.SelfCount < 0 || task.SelfStart + task.SelfCount > points.Rows)
            throw new InvalidDataException($"Rows {task.SelfStart}+{task.SelfCount} are outside the index of {points.Rows} points.");
        if (task.K + 1 > points.Rows)
            throw new ArgumentException($"k = {task.K} neighbours of each point other than itself need at least {task.K + 1} indexed points; the index has {points.Rows}.");
        var rows = new Matrix(task.SelfCount, points.Cols);
        points.Values.AsSpan(task.SelfStart * points.Cols, task.SelfCount * points.Cols).CopyTo(rows.Values);
        int k1 = task.K + 1;
        var found = model.KNeighbors(new Dataset(rows).All, k1);
        var indices = new int[task.SelfCount * task.K];
        var distances = new double[task.SelfCount * task.K];
        for (int q = 0; q < task.SelfCount; q++)
            DropSelf(found.Indices.AsSpan(q * k1, k1), found.Distances.Values.AsSpan(q * k1, k1), task.SelfStart + q,
                indices.AsSpan(q * task.K, task.K), distances.AsSpan(q * task.K, task.K));
        return new KnnResult(task.Chunk, task.K, indices, distances);
    }

    /// <summary>
    /// Of a point's k + 1 nearest (<paramref name="indices"/>, <paramref name="distances"/>), keeps all but its own
    /// entry, or all but the first when duplicates ranked ahead of it (equal distance, smaller index) push it out.
    /// </summary>
    internal static void DropSelf(ReadOnlySpan<int> indices, ReadOnlySpan<double> distances, int self, Span<int> keptIndices, Span<double> keptDistances)
    {
        int skip = Math.Max(0, indices.IndexOf(self));
        for (int j = 0, o = 0; j < indices.Length; j++)
        {
            if (j == skip) continue;
            keptIndices[o] = indices[j];
            keptDistances[o] = distances[j];
            o++;
        }
    }

    public override KnnResult Failure(KnnTask task, string error) => new(task.Chunk, task.K, [], []);

    /// <summary>The resident key of points fitted with a metric: the same points under another metric or power are another index.</summary>
    internal static string FittedKey(string points, string metric, double p) =>
        ResidentCache.HeldKey(points + ":" + metric + ":" + p.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    public override void WriteTask(KnnTask task, WireWriter writer)
    {
        writer.Int64(task.Chunk);
        writer.String(task.Index);
        writer.String(task.Metric);
        writer.Int32(task.K);
        writer.String(task.Queries);
        writer.Int32(task.SelfStart);
        writer.Int32(task.SelfCount);
        writer.Double(task.P);
    }

    public override KnnTask ReadTask(WireReader reader) => new(reader.Int64(), reader.String(64), reader.String(64), reader.Int32(1, 1 << 20, "k"),
        reader.NullableString(64), reader.Int32(0, int.MaxValue, "Start"), reader.Int32(0, int.MaxValue, "Count"), reader.Double());

    public override void WriteResult(KnnResult result, WireWriter writer)
    {
        writer.Int64(result.Chunk);
        writer.Int32(result.K);
        writer.Int32s(result.Indices);
        writer.Doubles(result.Distances);
    }

    public override KnnResult ReadResult(WireReader reader) => new(reader.Int64(), reader.Int32(1, 1 << 20, "k"), reader.Int32s(), reader.Doubles());

    public override string? Mismatch(KnnTask task, KnnResult result) =>
        result.Chunk != task.Chunk || result.K != task.K ? "result for another chunk" : result.Indices.Length != result.Distances.Length ? "indices and distances differ in length" : null;

    public override long Rows(KnnTask task, KnnResult result) => result.Indices.Length / Math.Max(1, result.K);
}
