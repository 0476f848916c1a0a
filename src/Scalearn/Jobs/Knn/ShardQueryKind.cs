using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Neighbors;

namespace Scalearn.Jobs;

/// <summary>
/// The <paramref name="K"/> nearest points of one shard (global rows [<paramref name="FirstRow"/>, + <paramref name="ShardRows"/>),
/// input <paramref name="ShardId"/>) to each of the <paramref name="QueryCount"/> rows of the <see cref="RowBlock"/>
/// input <paramref name="Queries"/>, for query chunk <paramref name="Chunk"/>.
/// </summary>
public sealed record ShardQueryTask(long Chunk, int Shard, string ShardId, int FirstRow, int ShardRows, string Metric, int K, string Queries, int QueryCount,
    double P = 2);

/// <summary>Row-major (queries x k) global neighbour ids and their reduced distances (squared for euclidean), nearest first.</summary>
public sealed record ShardQueryResult(long Chunk, int Shard, int[] Indices, double[] Keys);

/// <summary>
/// Queries one resident shard of a sharded k-NN index: the shard arrives once per worker and its search structure is
/// built there once and kept, and the job places every task of a shard on the worker holding it. Results carry global
/// row ids and the exact reduced distances the search ranked by, so the driver merges the shards' lists by (reduced
/// distance, index) into exactly the unsharded answer.
/// </summary>
[RegisteredTaskKind]
public sealed class ShardQueryKind : TaskKind<ShardQueryTask, ShardQueryResult>
{
    /// <summary>Shards are numbered in the low 16 bits of a task key.</summary>
    public const int MaxShards = 1 << 16;

    public static ShardQueryKind Instance { get; } = new();

    public override string Name => "scalearn.knn-shard";

    public override TaskKey Key(ShardQueryTask task) => KeyOf(task.Chunk, task.Shard);

    public static TaskKey KeyOf(long chunk, int shard) => new(chunk << 16 | (long)shard);

    public override IReadOnlyList<string> Inputs(ShardQueryTask task) => [task.ShardId, task.Queries];

    public override string? PreferredInput(ShardQueryTask task) => task.ShardId;

    public override bool SpreadPreferredInputs => true;

    public override ShardQueryResult Run(ShardQueryTask task, TaskContext context)
    {
        var shard = context.Resident.GetOrAdd(KnnKind.FittedKey(task.ShardId, task.Metric, task.P), () =>
        {
            var points = RowBlock.Decode(context.Input<byte[]>(task.ShardId));
            if (points.Rows != task.ShardRows) throw new InvalidDataException($"Shard {task.Shard} holds {points.Rows} points; the task expects {task.ShardRows}.");
            var estimator = new NearestNeighbors { NJobs = 1, P = task.P };
            estimator.SetParam("metric", task.Metric);
            var data = new Dataset(points).All;
            ModelChecks.AllFinite(data, nameof(NearestNeighbors));
            var index = estimator.BuildIndex(data);
            return (new ResidentShard(index, Distance.Resolve(index.Metric, index.P)), 3L * points.Values.Length * sizeof(double));
        });
        var queries = RowBlock.Decode(context.Input<byte[]>(task.Queries));
        context.DropInput(task.Queries);
        if (queries.Rows != task.QueryCount) throw new InvalidDataException($"Query chunk {task.Chunk} holds {queries.Rows} rows; the task expects {task.QueryCount}.");
        var found = shard.Index.KNeighbors(new Dataset(queries).All, task.K, nameof(NearestNeighbors));
        var indices = new int[found.Indices.Length];
        var keys = new double[found.Indices.Length];
        for (int q = 0, at = 0; q < queries.Rows; q++)
            for (int j = 0; j < task.K; j++, at++)
            {
                int local = found.Indices[at];
                // The search ranked by this very value; distances alone can tie where reduced distances differ (sqrt rounds).
                keys[at] = shard.Distance.Reduced(queries.Row(q), shard.Index.Points.Row(local));
                indices[at] = task.FirstRow + local;
            }
        return new ShardQueryResult(task.Chunk, task.Shard, indices, keys);
    }

    private sealed record ResidentShard(NeighborIndex Index, Distance Distance);

    public override ShardQueryResult Failure(ShardQueryTask task, string error) => new(task.Chunk, task.Shard, [], []);

    public override void WriteTask(ShardQueryTask task, WireWriter writer)
    {
        writer.Int64(task.Chunk);
        writer.Int32(task.Shard);
        writer.String(task.ShardId);
        writer.Int32(task.FirstRow);
        writer.Int32(task.ShardRows);
        writer.String(task.Metric);
        writer.Int32(task.K);
        writer.String(task.Queries);
        writer.Int32(task.QueryCount);
        writer.Double(task.P);
    }

    public override ShardQueryTask ReadTask(WireReader reader)
    {
        long chunk = reader.Int64();
        if (chunk is < 0 or >= 1L << 47) throw new InvalidDataException($"Chunk {chunk} is out of range.");
        return new(chunk, reader.Int32(0, MaxShards - 1, "Shard"), reader.String(64), reader.Int32(0, int.MaxValue, "First row"),
            reader.Int32(1, int.MaxValue, "Shard rows"), reader.String(64), reader.Int32(1, 1 << 20, "k"), reader.String(64),
            reader.Int32(0, int.MaxValue, "Query count"), reader.Double());
    }

    public override void WriteResult(ShardQueryResult result, WireWriter writer)
    {
        writer.Int64(result.Chunk);
        writer.Int32(result.Shard);
        writer.Int32s(result.Indices);
        writer.Doubles(result.Keys);
    }

    public override ShardQueryResult ReadResult(WireReader reader) =>
        new(reader.Int64(), reader.Int32(0, MaxShards - 1, "Shard"), reader.Int32s(), reader.Doubles());

    public override string? Mismatch(ShardQueryTask task, ShardQueryResult result)
    {
        if (result.Chunk != task.Chunk || result.Shard != task.Shard) return $"result for chunk {result.Chunk} shard {result.Shard}";
        if (result.Indices.Length != (long)task.QueryCount * task.K || result.Keys.Length != result.Indices.Length)
            return $"{result.Indices.Length} neighbours and {result.Keys.Length} distances where {task.QueryCount} x {task.K} were asked";
        foreach (int i in result.Indices)
            if (i < task.FirstRow || i - task.FirstRow >= task.ShardRows) return $"neighbour {i} is outside the shard";
        return null;
    }

    /// <summary>Queries answered by this shard: a job's progress counts each query once per shard.</summary>
    public override long Rows(ShardQueryTask task, ShardQueryResult result) => task.QueryCount;
}
