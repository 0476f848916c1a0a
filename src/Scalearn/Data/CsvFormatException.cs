namespace Scalearn.Data;

/// <summary>A CSV file could not be loaded; the message names the file, the 1-based line and, where relevant, the column.</summary>
public sealed class CsvFormatException(string source, long line, string problem, string? columnName = null, int column = 0)
    : DataFormatException(Describe(source, line, problem, columnName, column), source, columnName, column, null)
{
    /// <summary>1-based physical line number (0 when the problem concerns the whole file).</summary>
    public long Line { get; } = line;

    private static string Describe(string source, long line, string problem, string? columnName, int column)
    {
        var where = line > 0 ? $"{source}, line {line}" : source;
        return $"{where}{ColumnText(columnName, column)}: {problem}";
    }
}
