using Scalearn.Data.Tables;
using Scalearn.Distributed;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Jobs;

/// <summary>Settings of a k-NN query job.</summary>
public sealed record KnnQueryOptions
{
    public int K { get; init; } = 5;
    public string Metric { get; init; } = "minkowski";

    /// <summary>Power of the minkowski metric (scikit-learn's p: 1 = manhattan, 2 = euclidean); only with <see cref="Metric"/> minkowski.</summary>
    public double P { get; init; } = 2;

    /// <summary>Queries per task.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>
    /// Contiguous parts the index is split into, each kept resident on one worker and asked every query chunk (for an
    /// index too big for one machine); 1 ships the whole index to every worker. The output is the same for any value.
    /// </summary>
    public int Shards { get; init; } = 1;

    /// <summary>Each process reads the index and its query chunks from the files' paths itself (paths every worker can read).</summary>
    public bool DataOnWorkers { get; init; }

    /// <summary>Columns of the index and query files that are not coordinates, such as an id column (which may hold text).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The only coordinate columns (null: every column but <see cref="Exclude"/>).</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>How the index and query files are read.</summary>
    internal TableOptions Read => new() { Target = null, Exclude = Exclude, Features = Features, OptionNames = TableOptionNames.FixedWithDrop };

    public IProgress<JobProgress>? Progress { get; init; }
}

/// <summary>
/// k nearest neighbours of many queries (a file of them, or every indexed point itself) on any executor, written in
/// long form: one row per neighbour, <c>query, rank, neighbor, distance</c>, sorted by query then rank (0-based rows).
/// The index points go to each worker once (or, sharded, each shard to one worker); query chunks stream with at most
/// 2 x slots + 2 outstanding.
/// </summary>
public static class KnnQueryJob
{
    public static async Task<long> RunAsync(ITaskExecutor executor, string indexPath, string? queriesPath, string outPath,
        KnnQueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), options.K, "--k must be at least 1.");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "--batch-size must be at least 1.");
        if (options.Shards is < 1 or > ShardQueryKind.MaxShards)
            throw new ArgumentOutOfRangeException(nameof(options), options.Shards, $"--shards must be between 1 and the number of indexed points (at most {ShardQueryKind.MaxShards}); got {options.Shards}.");
        if (options.Shards > 1 && options.DataOnWorkers)
            throw new ArgumentException("--shards and --data-on-workers cannot be combined yet: the shards are cut by this process and sent to the workers; drop one of them.");
        var metric = new Neighbors.NearestNeighbors();
        metric.SetParam("metric", options.Metric);   // an unknown metric fails here, naming the allowed ones
        if (options.P != 2 && metric.Metric != Neighbors.NeighborMetric.Minkowski)
            throw new ArgumentException($"--p {options.P.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is the power of --metric minkowski; --metric {options.Metric} has none.");
        if (!(options.P >= 1) || !double.IsFinite(options.P))
            throw new ArgumentOutOfRangeException(nameof(options), options.P, $"--p must be a finite number >= 1 (the minkowski metric's power); got {options.P.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        return options.Shards == 1
            ? await RunWholeAsync(executor, indexPath, queriesPath, outPath, options, cancellationToken)
            : await RunShardedAsync(executor, indexPath, queriesPath, outPath, options, cancellationToken);
    }

    private static async Task<long> RunWholeAsync(ITaskExecutor executor, string indexPath, string? queriesPath, string outPath,
        KnnQueryOptions options, CancellationToken cancellationToken)
    {
        var read = options.Read;
        var index = options.DataOnWorkers ? null : TableReader.ReadAll(indexPath, read);
        var indexFile = options.DataOnWorkers ? TablePartitioner.Split(Path.GetFullPath(indexPath), 1, cancellationToken) : null;
        var indexNames = index?.Schema.FeatureNames ?? TableReader.ReadSchema(indexPath, read).FeatureNames;
        int n = index?.Count ?? (int)indexFile!.Sum(p => p.RowCount);
        CheckK(options.K, indexPath, n, queriesPath is null);
        IBlob indexBlob = index is not null ? new BytesBlob(RowBlock.Encode(index.Data.X))
            : indexFile!.Count == 1 ? new TablePartitionBlob(indexFile[0], read) : throw new ArgumentException($"{indexPath} has no data rows.");
        var job = executor.Start(KnnKind.Instance, [indexBlob], new JobOptions { Progress = options.Progress });
        string failure = options.DataOnWorkers
            ? $" (the worker reads {Path.GetFullPath(indexPath)}{(queriesPath is null ? "" : " and " + Path.GetFullPath(queriesPath))} itself with --data-on-workers; " +
              $"if that is not on a mount every worker can read, and under its {DataDirectories.Variable}, drop --data-on-workers)"
            : "";
        return await WriteAsync(job, () => executor.Slots, outPath, options.K, task => task.Queries, failure, async (window, chunks) =>
        {
            if (queriesPath is null)
                for (int start = 0; start < n; start += options.BatchSize)
                    await window.SubmitAsync(new KnnTask(window.Next, indexBlob.Id, options.Metric, options.K, null, start, Math.Min(options.BatchSize, n - start), options.P), start);
            else if (options.DataOnWorkers)
            {
                var queryRead = QueryRead(read, queriesPath);
                if (QueryOrder(TableReader.ReadSchema(queriesPath, queryRead).FeatureNames, queriesPath, indexNames, indexPath) is not null)
                    throw new ArgumentException($"{queriesPath} has the index's columns in another order; with --data-on-workers the workers read the queries " +
                        $"as they are, so put the columns in the index's order ({string.Join(", ", indexNames)}) or drop --data-on-workers.");
                foreach (var partition in RowChunks.Plan(queriesPath, options.BatchSize, cancellationToken))
                {
                    string part = chunks.Share(new TablePartitionBlob(partition, queryRead));
                    await window.SubmitAsync(new KnnTask(window.Next, indexBlob.Id, options.Metric, options.K, part, 0, 0, options.P), partition.FirstRow);
                }
            }
            else
                foreach (var (chunk, block) in QueryChunks(queriesPath, read, indexNames, indexPath, options.BatchSize, chunks, cancellationToken))
                    await window.SubmitAsync(new KnnTask(window.Next, indexBlob.Id, options.Metric, options.K, block, 0, 0, options.P), chunk.FirstRow);
        }, cancellationToken);
    }

    /// <summary>The index streamed into shards (never whole in this process); every query chunk goes to every shard.</summary>
    private static async Task<long> RunShardedAsync(ITaskExecutor executor, string indexPath, string? queriesPath, string outPath,
        KnnQueryOptions options, CancellationToken cancellationToken)
    {
        var read = options.Read;
        var columns = TableReader.ReadSchema(indexPath, read).FeatureNames;
        long counted = TablePartitioner.Split(Path.GetFullPath(indexPath), 1, cancellationToken).Sum(p => p.RowCount);
        if (counted > int.MaxValue) throw new ArgumentException($"{indexPath} holds {counted} points; at most {int.MaxValue} can be indexed.");
        int n = (int)counted;
        CheckK(options.K, indexPath, n, queriesPath is null);
        if (options.Shards > n)
            throw new ArgumentOutOfRangeException(nameof(options), options.Shards, $"--shards {options.Shards} is more than the {n} points of {indexPath}: each shard needs at least one.");
        using var shards = KnnShards.Write(indexPath, read, n, options.Shards, cancellationToken);
        var job = new ShardedQueryJob(executor, shards, options.Metric, options.K, new JobOptions { Progress = options.Progress }, options.P);
        return await WriteAsync(job, () => executor.Slots, outPath, options.K, task => task.Queries, "", async (window, chunks) =>
        {
            foreach (var (chunk, block) in QueryChunks(queriesPath ?? indexPath, read, columns, indexPath, options.BatchSize, chunks, cancellationToken))
                await window.SubmitAsync(new ShardedChunk(window.Next, block, chunk.Count, (int)chunk.FirstRow, queriesPath is null), chunk.FirstRow);
        }, cancellationToken);
    }

    private static void CheckK(int k, string indexPath, int n, bool self)
    {
        if ((self ? k + 1 : k) <= n) return;
        throw new ArgumentException(self
            ? $"--k {k}: with --self each point needs {k} neighbours other than itself, but {indexPath} holds {n} points (k must be at most {n - 1})."
            : $"--k {k} is larger than the index: {indexPath} holds {n} points.");
    }

    /// <summary>
    /// The queries' columns are matched to the index's by name: null when they come in the same order, else where each
    /// index column is among the queries'; other names are refused.
    /// </summary>
    private static int[]? QueryOrder(IReadOnlyList<string> found, string path, IReadOnlyList<string> columns, string indexPath)
    {
        if (found.SequenceEqual(columns)) return null;
        if (found.Count != columns.Count || found.Except(columns).Any() || columns.Except(found).Any())
            throw new ArgumentException($"{path} has columns {string.Join(", ", found)}; the index {indexPath} has {string.Join(", ", columns)}.");
        return FeatureMapping.Order(columns, found);
    }

    /// <summary>How a query file is read: the index's options, leaving out only the excluded columns it has (queries need no id column).</summary>
    private static TableOptions QueryRead(TableOptions read, string path)
    {
        if (read.Exclude.Count == 0) return read;
        var names = TableReader.ReadSchema(path, TableOptions.AllColumns).Columns.Select(c => c.Name).ToHashSet();
        return read with { Exclude = read.Exclude.Where(names.Contains).ToArray() };
    }

    /// <summary>The rows of <paramref name="path"/> in chunks, each shared with the job as a <see cref="RowBlock"/> input.</summary>
    private static IEnumerable<(TableChunk Chunk, string Block)> QueryChunks(string path, TableOptions read, IReadOnlyList<string> columns, string indexPath,
        int batchSize, SharedChunks chunks, CancellationToken cancellationToken)
    {
        using var reader = TableReader.Open(path, path == indexPath ? read : QueryRead(read, path));
        var order = QueryOrder(reader.Schema.FeatureNames, path, columns, indexPath);
        foreach (var chunk in reader.ReadAhead(batchSize, cancellationToken: cancellationToken))
            yield return (chunk, chunks.Share(new BytesBlob(RowBlock.Encode(order is null ? chunk.Data.X : FeatureMapping.Reorder(chunk.Data.X, order)))));
    }

    /// <summary>Runs a query job into the output file in query order (<see cref="OrderedOutput"/>), one row per neighbour.</summary>
    private static Task<long> WriteAsync<TTask>(IJob<TTask, KnnResult> job, Func<int> slots, string outPath, int k, Func<TTask, string?> queriesOf,
        string failureNote, Func<ChunkWindow<TTask, KnnResult, long>, SharedChunks, Task> submit, CancellationToken cancellationToken) where TTask : notnull =>
        OrderedOutput.RunAsync(job, slots, outPath,
            (_, outcome) => $"Query chunk {outcome.Key} failed on worker '{outcome.Worker}': {outcome.Error}{failureNote}",
            queriesOf,
            (writer, firstQuery, result) =>
            {
                writer.Write(LongForm(firstQuery, result));
                return result.Indices.Length;
            },
            submit, writer => writer.Write(LongForm(0, new KnnResult(0, k, [], []))), cancellationToken);

    private static TableColumn[] LongForm(long firstQuery, KnnResult result)
    {
        int count = result.Indices.Length;
        var query = new long[count];
        var rank = new long[count];
        var neighbor = new long[count];
        for (int i = 0; i < count; i++)
        {
            query[i] = firstQuery + i / result.K;
            rank[i] = i % result.K;
            neighbor[i] = result.Indices[i];
        }
        return [new LongColumn("query", query), new LongColumn("rank", rank), new LongColumn("neighbor", neighbor), new DoubleColumn("distance", result.Distances)];
    }
}
