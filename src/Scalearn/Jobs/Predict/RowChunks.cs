using Scalearn.Data;
using Scalearn.Data.Csv;
using Scalearn.Data.Tables;
using Scalearn.Distributed;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Jobs;

/// <summary>
/// One chunk of a prediction job: its place in the file, what the driver read of it for the output (kept columns, target,
/// group; null when the output needs none), the kept columns <see cref="Driver"/> holds as features or target read as
/// passthrough columns (else null; see <see cref="FeatureMapping.CopyOptions"/>) and the input a task reads its feature
/// rows from.
/// </summary>
internal sealed record RowChunk(long FirstRow, int Count, TableChunk? Driver, TableChunk? Copies, IBlob Rows)
{
    /// <summary>The <paramref name="keep"/> columns, for the output.</summary>
    public IReadOnlyList<TableColumn> Kept(IReadOnlyList<string> keep) => Driver is null ? [] : BatchPredictor.Kept(Driver, Copies, keep);
}

/// <summary>
/// Where a job's feature rows come from. Streamed: the driver reads the file chunk by chunk and ships each chunk's rows
/// through the executor. On the workers (<c>--data-on-workers</c>): the driver plans byte ranges (CSV) or row groups
/// (Parquet) of about a batch each and ships only (path, range, columns); the task's process opens the path and reads
/// its range itself, so the path must be readable there (a shared mount under the worker's SCALEARN_DATA_DIRS).
/// </summary>
internal static class RowChunks
{
    /// <summary>Rows per chunk when the caller names no batch size: streamed chunks, and the least a partition read on the workers holds.</summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>Partitions read on the workers, without a batch size: about this many per slot ...</summary>
    private const int PartitionsPerSlot = 8;

    /// <summary>... and at most this much of the file each (a task holds its partition's rows).</summary>
    private const long MaxPartitionBytes = 16L << 20;

    /// <param name="batchSize">Rows per chunk; null: <see cref="DefaultBatchSize"/> streamed, <see cref="WorkerBatch"/> on the workers.</param>
    /// <param name="slots">The executor's slots, which size the partitions read on the workers when no batch size is given.</param>
    public static IEnumerable<RowChunk> Read(string dataPath, FeatureMapping mapping, IReadOnlyList<string>? featureNames, int? batchSize, int slots, bool onWorkers,
        CancellationToken cancellationToken)
    {
        if (!onWorkers)
        {
            int streamed = batchSize ?? DefaultBatchSize;
            using var reader = TableReader.Open(dataPath, mapping.Options);
            // Kept features (and a kept numeric target) are read a second time, in step, as the passthrough columns they are in the output.
            using var copyReader = mapping.CopyOptions is null ? null : TableReader.Open(dataPath, mapping.CopyOptions);
            using var copies = copyReader?.ReadAhead(streamed, cancellationToken: cancellationToken).GetEnumerator();
            foreach (var chunk in reader.ReadAhead(streamed, cancellationToken: cancellationToken))
            {
                TableChunk? copy = null;
                if (copies is not null)
                {
                    copy = copies.MoveNext() ? copies.Current : null;
                    if (copy is null || copy.FirstRow != chunk.FirstRow || copy.Count != chunk.Count)
                        throw new InvalidDataException($"{dataPath}: reading the kept columns again gave other rows " +
                            $"({(copy is null ? "none" : $"{copy.FirstRow + 1}-{copy.FirstRow + copy.Count}")}) than rows {chunk.FirstRow + 1}-{chunk.FirstRow + chunk.Count}; did the file change?");
                }
                yield return new RowChunk(chunk.FirstRow, chunk.Count, chunk, copy,
                    new DatasetBlob(new Dataset(mapping.Rows(chunk), null, featureNames, textColumns: chunk.Data.TextColumns)));
            }
            yield break;
        }
        foreach (var partition in Plan(dataPath, batchSize, slots, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var driver = mapping.NeedsDriverRead ? ReadWhole(partition, mapping.DriverOptions) : null;
            var copies = mapping.DriverCopyOptions is null ? null : ReadWhole(partition, mapping.DriverCopyOptions);
            yield return new RowChunk(partition.FirstRow, (int)partition.RowCount, driver, copies, new TablePartitionBlob(partition, mapping.WorkerOptions));
        }
    }

    private static TableChunk ReadWhole(TablePartition partition, TableOptions options)
    {
        using var reader = TableReader.Open(partition, options);
        var chunk = reader.Read((int)partition.RowCount);
        if (chunk is null || chunk.Count != partition.RowCount || reader.Read(1) is not null)
            throw new InvalidDataException($"{partition}: read {chunk?.Count ?? 0} rows where the split counted {partition.RowCount}.");
        return chunk;
    }

    /// <summary>
    /// Partitions of about <paramref name="batchSize"/> rows. A CSV's row count is estimated from its first megabyte
    /// (the one scan that cuts the ranges then makes every boundary and row number exact); Parquet's is in its footer.
    /// </summary>
    internal static IReadOnlyList<TablePartition> Plan(string dataPath, int batchSize, CancellationToken cancellationToken) =>
        Plan(dataPath, batchSize, 1, cancellationToken);

    /// <param name="batchSize">Rows per partition; null: <see cref="WorkerBatch"/> for <paramref name="slots"/>.</param>
    internal static IReadOnlyList<TablePartition> Plan(string dataPath, int? batchSize, int slots, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(dataPath);
        long rows = TableFormats.Of(full) == TableFormat.Csv ? EstimatedCsvRows(full, cancellationToken)
            : TablePartitioner.Split(full, 1, cancellationToken).Sum(p => p.RowCount);
        long batch = batchSize ?? WorkerBatch(rows, new FileInfo(full).Length, slots);
        int count = (int)Math.Clamp((rows + batch - 1) / batch, 1, PartitionedDataset.MaxPartitions);
        return TablePartitioner.Split(full, count, cancellationToken);
    }

    /// <summary>
    /// Rows per partition read on the workers when no batch size is given. Each task costs its message, its result's and
    /// its file open (milliseconds of driver, broker and worker time, whatever its size): at 10,000 rows a task, 0.2 s of a
    /// 1.7 s predict of 1M rows on 2 workers; so partitions are as large as still keeps every slot fed and the tail short: about
    /// <see cref="PartitionsPerSlot"/> per slot, at least <see cref="DefaultBatchSize"/> rows, at most
    /// <see cref="MaxPartitionBytes"/> of the file.
    /// </summary>
    internal static long WorkerBatch(long rows, long fileBytes, int slots)
    {
        if (rows <= 0) return DefaultBatchSize;
        long perSlot = (rows + PartitionsPerSlot * (long)Math.Max(1, slots) - 1) / (PartitionsPerSlot * (long)Math.Max(1, slots));
        long byBytes = (long)(MaxPartitionBytes / Math.Max(1.0, (double)fileBytes / rows));
        return Math.Max(DefaultBatchSize, Math.Min(perSlot, byBytes));
    }

    private static long EstimatedCsvRows(string path, CancellationToken cancellationToken)
    {
        const int SampleBytes = 1 << 20;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = file.Length;
        var sample = new byte[(int)Math.Min(length, SampleBytes)];
        file.ReadExactly(sample);
        var scan = CsvRecordScanner.Scan(new MemoryStream(sample, writable: false), null, cancellationToken);
        long records = scan.Records - 1;   // the header is a record too
        if (sample.Length == length || records <= 0) return Math.Max(0, records);
        double bytesPerRow = (double)(sample.Length - scan.DataStart.Offset) / records;   // the last one may be cut off: an estimate
        return (long)Math.Ceiling((length - scan.DataStart.Offset) / bytesPerRow);
    }

    /// <summary>A task's feature rows: the shipped dataset, or its partition read here and put in the model's column order.</summary>
    public static Dataset Load(string id, TaskContext context, Func<Dataset, Dataset> align)
    {
        var input = context.Input<object>(id);
        context.DropInput(id);
        return input switch
        {
            Dataset d => d,
            IPartitionSource source => align(source.Load(context.Cancellation)),
            _ => throw new InvalidDataException($"A prediction's rows arrived as a {input.GetType().Name}, neither a dataset nor a file partition."),
        };
    }

    /// <summary>A task's rows as a matrix: a shipped <see cref="RowBlock"/>, or a partition of the file read here.</summary>
    public static Matrix Matrix(string id, TaskContext context) => context.Input<object>(id) switch
    {
        byte[] bytes => RowBlock.Decode(bytes),
        IPartitionSource source => source.Load(context.Cancellation).X,
        var other => throw new InvalidDataException($"Rows arrived as a {other.GetType().Name}, neither a row block nor a file partition."),
    };

    /// <summary>The error of a failed chunk, for the driver to throw: with the data on the workers, it names the worker and the path.</summary>
    public static string Failure(string dataPath, long firstRow, int count, bool onWorkers, string worker, string? error) => onWorkers
        ? $"Predicting rows {firstRow + 1}-{firstRow + count} of {dataPath} failed on worker '{worker}', which read them from {Path.GetFullPath(dataPath)} itself " +
          $"(--data-on-workers): {error} If that path is not on a mount every worker can read (and under its {DataDirectories.Variable}), drop --data-on-workers " +
          "so the driver streams the rows."
        : $"Predicting rows {firstRow + 1}-{firstRow + count} of {dataPath} failed: {error}";
}
