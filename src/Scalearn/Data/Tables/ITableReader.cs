namespace Scalearn.Data.Tables;

/// <summary>
/// Reads a CSV or Parquet file (or one partition of it) chunk by chunk; memory stays at about one chunk plus one read
/// buffer (for Parquet: plus one row group). Not thread-safe; <see cref="TableReader.ReadAhead"/> reads on a background
/// thread.
/// </summary>
public interface ITableReader : IDisposable
{
    TableSchema Schema { get; }

    /// <summary>The next at most <paramref name="maxRows"/> rows, or null when the file or partition is exhausted.</summary>
    /// <param name="recycled">
    /// A chunk this reader returned before and the caller no longer uses: when it is full-sized, its arrays are
    /// overwritten instead of allocating new ones (no garbage, no fresh memory per chunk). The old chunk is then invalid.
    /// </param>
    TableChunk? Read(int maxRows, TableChunk? recycled = null);
}
