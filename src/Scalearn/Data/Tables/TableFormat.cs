namespace Scalearn.Data.Tables;

public enum TableFormat { Csv, Parquet }

/// <summary>The file format implied by a path's extension.</summary>
public static class TableFormats
{
    public static TableFormat Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return TableFormat.Csv;
        if (extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase)) return TableFormat.Parquet;
        throw new ArgumentException(
            $"Cannot tell the format of '{path}' from its extension '{extension}': use .csv or .parquet.", nameof(path));
    }
}
