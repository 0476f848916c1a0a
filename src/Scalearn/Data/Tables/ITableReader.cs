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
    TableChunk? Read(int maxRows);
}
