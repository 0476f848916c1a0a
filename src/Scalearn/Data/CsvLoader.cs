using Scalearn.Data.Csv;
using Scalearn.Data.Tables;

namespace Scalearn.Data;

/// <summary>
/// Loads a CSV file with a header row into a <see cref="Dataset"/>: RFC 4180 quoting, invariant culture, UTF-8 with an
/// optional BOM. One quote-aware scan counts the records, then cells are parsed straight into the final arrays (no
/// string per numeric cell), so peak memory is about the resulting matrix. Text cells are only materialized for
/// columns kept through <see cref="CsvOptions.KeepTextColumns"/>; a column is text when any of its cells is non-numeric.
/// Streamed and partitioned reading: <see cref="TableReader"/>.
/// </summary>
public static class CsvLoader
{
    public static Dataset Load(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= CsvOptions.Default;
        return CsvTableReader.ReadAll(CsvInput.File(path), options.ToTableOptions()).Data;
    }

    /// <param name="sourceName">Names the input in error messages (and the dataset unless options name it).</param>
    public static Dataset Load(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvOptions.Default;
        return CsvTableReader.ReadAll(CsvInput.Text(reader.ReadToEnd(), sourceName), options.ToTableOptions()).Data;
    }
}
