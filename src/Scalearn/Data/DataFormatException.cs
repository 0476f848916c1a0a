namespace Scalearn.Data;

/// <summary>
/// A data file could not be read; the message names the file and, where known, the row or line and the column.
/// <see cref="CsvFormatException"/> and <see cref="ParquetFormatException"/> are the two kinds.
/// </summary>
public abstract class DataFormatException : FormatException
{
    private protected DataFormatException(string message, string source, string? columnName, int column, Exception? inner)
        : base(message, inner)
    {
        SourceName = source;
        ColumnName = columnName;
        Column = column;
    }

    public string SourceName { get; }

    public string? ColumnName { get; }

    /// <summary>1-based column index (0 when no single column is concerned).</summary>
    public int Column { get; }

    private protected static string ColumnText(string? columnName, int column) =>
        column > 0 ? $", column '{columnName}' (#{column})" : "";
}
