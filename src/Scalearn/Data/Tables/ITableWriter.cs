namespace Scalearn.Data.Tables;

/// <summary>
/// Writes a table chunk by chunk to CSV or Parquet (<see cref="TableWriter.Create"/>). The first chunk fixes the
/// column names and kinds; every later chunk must have the same. Dispose finishes the file.
/// </summary>
public interface ITableWriter : IDisposable
{
    /// <summary>Appends rows given as columns of equal length.</summary>
    void Write(IReadOnlyList<TableColumn> columns);

    long RowsWritten { get; }
}
