using Scalearn.Data.Csv;
using Scalearn.Data.ParquetFiles;

namespace Scalearn.Data.Tables;

/// <summary>Creates a streaming writer for CSV or Parquet, chosen by the output file's extension.</summary>
public static class TableWriter
{
    /// <param name="rowGroupRows">Parquet only: rows per row group (default: about 64 MB of values per row group).</param>
    public static ITableWriter Create(string path, int? rowGroupRows = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (rowGroupRows is < 1) throw new ArgumentOutOfRangeException(nameof(rowGroupRows), rowGroupRows, "rowGroupRows must be >= 1.");
        return TableFormats.Of(path) == TableFormat.Csv ? new CsvTableWriter(path) : new ParquetTableWriter(path, rowGroupRows);
    }

    /// <summary>Writes every column of a chunk, in file order.</summary>
    public static void Write(this ITableWriter writer, TableChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(chunk);
        writer.Write(chunk.Columns());
    }

    /// <summary>Checks a chunk against the first one's names and kinds; returns the row count.</summary>
    internal static int Check(IReadOnlyList<TableColumn> columns, IReadOnlyList<(string Name, ColumnKind Kind)>? expected, string path)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0) throw new ArgumentException($"{path}: a chunk needs at least one column.", nameof(columns));
        int rows = columns[0].Count;
        foreach (var column in columns)
            if (column.Count != rows)
                throw new ArgumentException($"{path}: column '{column.Name}' has {column.Count} values but '{columns[0].Name}' has {rows}.", nameof(columns));
        if (expected is null)
        {
            var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"{path}: duplicate column name '{duplicate.Key}'.", nameof(columns));
            return rows;
        }
        if (columns.Count != expected.Count || columns.Where((c, i) => c.Name != expected[i].Name || c.Kind != expected[i].Kind).Any())
            throw new ArgumentException(
                $"{path}: a chunk's columns ({Describe(columns.Select(c => (c.Name, c.Kind)))}) differ from the first chunk's ({Describe(expected)}).",
                nameof(columns));
        return rows;
    }

    private static string Describe(IEnumerable<(string Name, ColumnKind Kind)> columns) =>
        string.Join(", ", columns.Select(c => $"{c.Name} {c.Kind}"));
}
