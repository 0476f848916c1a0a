using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Execution.Blobs;

namespace Scalearn.Distributed;

/// <summary>
/// A dataset as partitions that stay where they were loaded: each is a shared input a worker fetches (or reads from a
/// shared file) once and keeps, and every iteration of a data-parallel fit sends its tasks to the worker holding the
/// partition, so only parameters and statistics travel. Partitions are in row order: partition i holds the rows
/// [FirstRow, FirstRow + rows) of the whole dataset.
/// </summary>
public sealed class PartitionedDataset
{
    /// <summary>At most this many partitions (the task keys of a round number them in 16 bits).</summary>
    public const int MaxPartitions = 1 << 16;

    public PartitionedDataset(IEnumerable<DataPartition> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var list = partitions.ToList();
        if (list.Count == 0) throw new ArgumentException("A partitioned dataset needs at least one partition.", nameof(partitions));
        if (list.Count > MaxPartitions) throw new ArgumentException($"At most {MaxPartitions} partitions are supported; got {list.Count}.", nameof(partitions));
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Index != i) throw new ArgumentException($"Partitions must be given in order: position {i} holds {list[i]}.", nameof(partitions));
            if (i > 0 && list[i - 1].Rows is long rows && list[i].FirstRow != list[i - 1].FirstRow + rows)
                throw new ArgumentException($"{list[i]} does not start where {list[i - 1]} ends (row {list[i - 1].FirstRow + rows}).", nameof(partitions));
            if (i > 0 && list[i].FirstRow < list[i - 1].FirstRow)
                throw new ArgumentException($"{list[i]} starts before {list[i - 1]}: partitions must be in row order.", nameof(partitions));
        }
        if (list.Select(p => p.Blob.Id).Distinct(StringComparer.Ordinal).Count() != list.Count)
            throw new ArgumentException("Two partitions have the same content (the same input id); each partition must hold its own rows.", nameof(partitions));
        Partitions = list;
    }

    public IReadOnlyList<DataPartition> Partitions { get; }

    public int Count => Partitions.Count;

    /// <summary>Rows in all partitions, when every partition declares its count.</summary>
    public long? Rows => Partitions.All(p => p.Rows is not null) ? Partitions.Sum(p => p.Rows!.Value) : null;

    public IEnumerable<IBlob> Blobs => Partitions.Select(p => p.Blob);

    /// <summary>
    /// Splits an in-memory dataset into <paramref name="partitions"/> contiguous parts of (nearly) equal size, each copied
    /// into its own dataset and shipped as a <see cref="DatasetBlob"/>.
    /// </summary>
    public static PartitionedDataset Split(Dataset data, int partitions)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (partitions < 1 || partitions > Math.Min(MaxPartitions, Math.Max(1, data.Count)))
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions,
                $"partitions must be between 1 and the number of rows ({data.Count}, at most {MaxPartitions}); got {partitions}.");
        var parts = new List<Dataset>(partitions);
        for (int i = 0; i < partitions; i++)
        {
            int start = (int)((long)data.Count * i / partitions), end = (int)((long)data.Count * (i + 1) / partitions);
            parts.Add(Slice(data, start, end, i));
        }
        return Of(parts);
    }

    /// <summary>Each dataset one partition, in the order given (they must have the same columns; a fit checks).</summary>
    public static PartitionedDataset Of(IReadOnlyList<Dataset> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        long first = 0;
        var result = new List<DataPartition>(parts.Count);
        for (int i = 0; i < parts.Count; i++)
        {
            result.Add(new DataPartition(i, new DatasetBlob(parts[i]), first, parts[i].Count));
            first += parts[i].Count;
        }
        return new PartitionedDataset(result);
    }

    /// <summary>
    /// Partitions of a CSV or Parquet file (byte ranges aligned to records, or row groups; see
    /// <see cref="TablePartitioner.Split"/>). Nothing is read here beyond the split: each worker reads its partitions from
    /// the same path, which must be under a directory listed in the worker's SCALEARN_DATA_DIRS; on this machine's
    /// executor the partitions are read in this process.
    /// </summary>
    public static PartitionedDataset FromFile(string path, int partitions, TableOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (partitions < 1 || partitions > MaxPartitions)
            throw new ArgumentOutOfRangeException(nameof(partitions), partitions, $"partitions must be between 1 and {MaxPartitions}; got {partitions}.");
        var full = Path.GetFullPath(path);
        var split = TablePartitioner.Split(full, partitions, cancellationToken);
        if (split.Count == 0) throw new InvalidDataException($"{path} has no data rows.");
        return new PartitionedDataset(split.Select(p => new DataPartition(p.Index, new TablePartitionBlob(p, options), p.FirstRow, p.RowCount, p.ToString())));
    }

    private static Dataset Slice(Dataset data, int start, int end, int index)
    {
        int cols = data.FeatureCount;
        var values = data.X.Values.AsSpan(start * cols, (end - start) * cols).ToArray();
        var y = data.Y?.AsSpan(start, end - start).ToArray();
        var text = data.TextColumns.ToDictionary(kv => kv.Key, kv => kv.Value[start..end]);
        string name = $"{data.Name ?? "data"} partition {index}";
        return new Dataset(new Matrix(values, end - start, cols), y, data.FeatureNames, data.TargetName, name, text);
    }
}
