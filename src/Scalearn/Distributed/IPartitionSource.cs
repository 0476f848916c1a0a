using Scalearn.Data;

namespace Scalearn.Distributed;

/// <summary>
/// What a partition input decodes to when its rows are not shipped but read where the task runs: a byte range of a CSV
/// file or row groups of a Parquet file on a shared path (<see cref="TablePartitionBlob"/>), or any other source a
/// plugin's blob format provides. A partition input decodes either to a <see cref="Dataset"/> (the rows themselves) or
/// to an <see cref="IPartitionSource"/>; a process loads a source once and keeps the rows with the partition's other
/// derived state.
/// </summary>
public interface IPartitionSource
{
    /// <summary>
    /// Reads the partition's rows. Throws <see cref="DataFormatException"/> (or <see cref="InvalidDataException"/>) when the
    /// content is bad, which fails the training at once, and <see cref="IOException"/> when it cannot be read here, which
    /// lets the task try another worker.
    /// </summary>
    Dataset Load(CancellationToken cancellationToken);
}
