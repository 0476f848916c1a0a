namespace Scalearn.Data;

/// <summary>A Parquet file could not be read; the message names the file and, where relevant, the 1-based row and the column.</summary>
public sealed class ParquetFormatException(string source, string problem, long row = 0, string? columnName = null, int column = 0,
    Exception? inner = null)
    : DataFormatException(Describe(source, row, problem, columnName, column), source, columnName, column, inner)
{
    /// <summary>1-based data row (0 when the problem concerns the whole file or a whole column).</summary>
    public long Row { get; } = row;

    private static string Describe(string source, long row, string problem, string? columnName, int column)
    {
        var where = row > 0 ? $"{source}, row {row}" : source;
        return $"{where}{ColumnText(columnName, column)}: {problem}";
    }
}
