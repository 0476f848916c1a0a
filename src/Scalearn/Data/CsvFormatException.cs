namespace Scalearn.Data;

/// <summary>A CSV file could not be loaded; the message names the file, the 1-based line and, where relevant, the column.</summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException(string source, int line, string problem, string? columnName = null, int column = 0)
        : base(Describe(source, line, problem, columnName, column))
    {
        SourceName = source;
        Line = line;
        ColumnName = columnName;
        Column = column;
    }

    public string SourceName { get; }

    /// <summary>1-based line number (0 when the problem concerns the whole file).</summary>
    public int Line { get; }

    public string? ColumnName { get; }

    /// <summary>1-based column index (0 when no single column is concerned).</summary>
    public int Column { get; }

    private static string Describe(string source, int line, string problem, string? columnName, int column)
    {
        var where = line > 0 ? $"{source}, line {line}" : source;
        if (column > 0) where += $", column '{columnName}' (#{column})";
        return $"{where}: {problem}";
    }
}
