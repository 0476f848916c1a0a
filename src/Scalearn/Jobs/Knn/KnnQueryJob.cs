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

    /// <summary>Queries per task.</summary>
    public int BatchSize { get; init; } = 2_000;

    /// <summary>Each process reads the index and its query chunks from the files' paths itself (paths every worker can read).</summary>
    public bool DataOnWorkers { get; init; }

    public IProgress<JobProgress>? Progress { get; init; }
}

/// <summary>
/// k nearest neighbours of many queries (a file of them, or every indexed point itself) on any executor, written in
/// long form: one row per neighbour, <c>query, rank, neighbor, distance</c>, sorted by query then rank (0-based rows).
/// The index points go to each worker once; query chunks stream with at most 2 x slots + 2 outstanding.
/// </summary>
public static class KnnQueryJob
{
    public static async Task<long> RunAsync(ITaskExecutor executor, string indexPath, string? queriesPath, string outPath,
        KnnQueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        if (options.K < 1) throw new ArgumentOutOfRangeException(nameof(options), options.K, "--k must be at least 1.");
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "--batch-size must be at least 1.");
        new Neighbors.NearestNeighbors().SetParam("metric", options.Metric);   // an unknown metric fails here, naming the allowed ones
        var read = new TableOptions { Target = null };
        var index = options.DataOnWorkers ? null : TableReader.ReadAll(indexPath, read);
        var indexFile = options.DataOnWorkers ? TablePartitioner.Split(Path.GetFullPath(indexPath), 1, cancellationToken) : null;
        var indexNames = index?.Schema.FeatureNames ?? TableReader.ReadSchema(indexPath, read).FeatureNames;
        int n = index?.Count ?? (int)indexFile!.Sum(p => p.RowCount), need = queriesPath is null ? options.K + 1 : options.K;
        if (need > n)
            throw new ArgumentException(queriesPath is null
                ? $"--k {options.K}: with --self each point needs {options.K} neighbours other than itself, but {indexPath} holds {n} points (k must be at most {n - 1})."
                : $"--k {options.K} is larger than the index: {indexPath} holds {n} points.");
        IBlob indexBlob = index is not null ? new BytesBlob(RowBlock.Encode(index.Data.X))
            : indexFile!.Count == 1 ? new TablePartitionBlob(indexFile[0], read) : throw new ArgumentException($"{indexPath} has no data rows.");
        using var output = new AtomicOutput(outPath);
        long rows = 0;
        await using (var job = executor.Start(KnnKind.Instance, [indexBlob], new JobOptions { Progress = options.Progress }))
        {
            using var writer = TableWriter.Create(output.TempPath);
            await using var window = new ChunkWindow<KnnTask, KnnResult, long>(job, executor.Slots,
                (_, outcome) =>
                {
                    if (outcome.Failed)
                        throw new InvalidOperationException(options.DataOnWorkers ? $"Query chunk {outcome.Task.Chunk} failed on worker '{outcome.Worker}', which reads {Path.GetFullPath(indexPath)}" +
                            $"{(queriesPath is null ? "" : " and " + Path.GetFullPath(queriesPath))} itself (--data-on-workers): {outcome.Error} If that is not on a mount every worker " +
                            $"can read (and under its {DataDirectories.Variable}), drop --data-on-workers." : $"Query chunk {outcome.Task.Chunk} failed: {outcome.Error}");
                    if (outcome.Task.Queries is { } q) job.Unshare(q);
                },
                (firstQuery, outcome) =>
                {
                    writer.Write(LongForm(firstQuery, outcome.Result));
                    rows += outcome.Result.Indices.Length;
                },
                cancellationToken);
            if (queriesPath is null)
                for (int start = 0; start < n; start += options.BatchSize)
                    await window.SubmitAsync(new KnnTask(window.Next, indexBlob.Id, options.Metric, options.K, null, start, Math.Min(options.BatchSize, n - start)), start);
            else
            {
                using var reader = TableReader.Open(queriesPath, read);
                if (!reader.Schema.FeatureNames.SequenceEqual(indexNames))
                    throw new ArgumentException($"{queriesPath} has columns {string.Join(", ", reader.Schema.FeatureNames)}; the index {indexPath} has {string.Join(", ", indexNames)}.");
                if (options.DataOnWorkers)
                    foreach (var partition in RowChunks.Plan(queriesPath, options.BatchSize, cancellationToken))
                    {
                        var part = new TablePartitionBlob(partition, read);
                        job.Share(part);
                        await window.SubmitAsync(new KnnTask(window.Next, indexBlob.Id, options.Metric, options.K, part.Id, 0, 0), partition.FirstRow);
                    }
                else
                {
                    foreach (var chunk in reader.ReadAhead(options.BatchSize, cancellationToken: cancellationToken))
                    {
                        var block = new BytesBlob(RowBlock.Encode(chunk.Data.X));
                        job.Share(block);
                        await window.SubmitAsync(new KnnTask(window.Next, indexBlob.Id, options.Metric, options.K, block.Id, 0, 0), chunk.FirstRow);
                    }
                }
            }
            await window.FinishAsync();
            if (writer.RowsWritten == 0) writer.Write(LongForm(0, new KnnResult(0, options.K, [], [])));
        }
        output.Commit();
        return rows;
    }

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
