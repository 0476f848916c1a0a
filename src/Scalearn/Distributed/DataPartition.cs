using Scalearn.Execution.Blobs;

namespace Scalearn.Distributed;

/// <summary>
/// One partition of a <see cref="PartitionedDataset"/>: a shared input (shipped to a worker once, or read there from a
/// shared path) whose decoded value is a <see cref="Data.Dataset"/> or an <see cref="IPartitionSource"/>, and where its
/// rows sit in the whole dataset. Row numbers in error messages, and the rows that random sampling picks, are counted
/// from <see cref="FirstRow"/>, so they do not depend on how the data was split.
/// </summary>
public sealed class DataPartition
{
    private readonly string? _description;

    /// <param name="index">Position among the dataset's partitions (0-based).</param>
    /// <param name="blob">The input; its decoded value must be a Dataset or an IPartitionSource.</param>
    /// <param name="firstRow">0-based index of the partition's first row in the whole dataset.</param>
    /// <param name="rows">Rows in the partition when known beforehand (checked when the partition is read).</param>
    /// <param name="description">How errors name the partition (default: "partition i (rows a-b)").</param>
    public DataPartition(int index, IBlob blob, long firstRow, long? rows = null, string? description = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        if (rows is < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "A partition cannot have a negative row count.");
        Index = index;
        Blob = blob ?? throw new ArgumentNullException(nameof(blob));
        FirstRow = firstRow;
        Rows = rows;
        _description = description;
    }

    public int Index { get; }
    public IBlob Blob { get; }
    public long FirstRow { get; }
    public long? Rows { get; }

    public override string ToString() =>
        _description ?? (Rows is long n ? $"partition {Index} (rows {FirstRow}-{FirstRow + n - 1})" : $"partition {Index} (from row {FirstRow})");
}
