using System.Text;

namespace Scalearn.Data;

/// <summary>
/// Loads a CSV file with a header row into a <see cref="Dataset"/>: RFC 4180 quoting, invariant culture, UTF-8 with an
/// optional BOM. Numeric cells are parsed straight from the text (no string per cell); text cells are only
/// materialized, in a second pass, for columns kept through <see cref="CsvOptions.KeepTextColumns"/>.
/// </summary>
public static class CsvLoader
{
    public static Dataset Load(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"CSV file not found: {path}", path);
        string text = File.ReadAllText(path, Encoding.UTF8);
        options ??= CsvOptions.Default;
        return Parse(text, path, options, options.Name ?? Path.GetFileNameWithoutExtension(path));
    }

    /// <param name="sourceName">Names the input in error messages (and the dataset unless options name it).</param>
    public static Dataset Load(TextReader reader, string sourceName, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        options ??= CsvOptions.Default;
        return Parse(reader.ReadToEnd(), sourceName, options, options.Name ?? Path.GetFileNameWithoutExtension(sourceName));
    }

    private static Dataset Parse(string text, string source, CsvOptions options, string name)
    {
        var span = text.AsSpan();
        if (!span.IsEmpty && span[0] == '\uFEFF') span = span[1..];
        if (span.IsWhiteSpace()) throw new CsvFormatException(source, 0, "the file is empty (a header row is required)");

        var tokenizer = new CsvTokenizer(span, source);
        var header = ReadHeader(ref tokenizer, source);
        int targetColumn = -1;
        if (options.Target is not null)
        {
            targetColumn = Array.IndexOf(header, options.Target);
            if (targetColumn < 0)
                throw new CsvFormatException(source, 1,
                    $"target column '{options.Target}' not found; the columns are: {string.Join(", ", header)}");
        }

        var table = new NumericTable(source, header, targetColumn, options);
        table.ReadRows(ref tokenizer);
        if (table.RowCount == 0) throw new CsvFormatException(source, 1, "the file has a header but no data rows");
        table.CheckDeferredMissing();

        var featureColumns = Enumerable.Range(0, header.Length)
            .Where(c => c != targetColumn && !table.IsText[c]).ToArray();
        var x = new Matrix(table.RowCount, featureColumns.Length);
        var values = table.Values;
        int cols = header.Length;
        for (int r = 0; r < table.RowCount; r++)
        {
            var row = x.Row(r);
            int offset = r * cols;
            for (int j = 0; j < featureColumns.Length; j++) row[j] = values[offset + featureColumns[j]];
        }
        double[]? y = targetColumn < 0 ? null : table.Column(targetColumn);
        var textColumns = table.IsText.Contains(true) ? ReadTextColumns(span, source, table) : null;
        return new Dataset(x, y, featureColumns.Select(c => header[c]).ToArray(), options.Target ?? "target", name, textColumns);
    }

    private static string[] ReadHeader(ref CsvTokenizer tokenizer, string source)
    {
        if (tokenizer.AtBlankLine) throw new CsvFormatException(source, 1, "the header row is empty");
        var names = new List<string>();
        bool end;
        do names.Add(tokenizer.NextField(out end).Trim().ToString()); while (!end);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Count; c++)
        {
            if (names[c].Length == 0) throw new CsvFormatException(source, 1, "the header has an empty column name", "", c + 1);
            if (!seen.TryAdd(names[c], c))
                throw new CsvFormatException(source, 1,
                    $"duplicate column name '{names[c]}' (columns #{seen[names[c]] + 1} and #{c + 1})", names[c], c + 1);
        }
        return names.ToArray();
    }

    private static Dictionary<string, string[]> ReadTextColumns(ReadOnlySpan<char> text, string source, NumericTable table)
    {
        var tokenizer = new CsvTokenizer(text, source);
        tokenizer.SkipRecord();
        var isText = table.IsText;
        var columns = new Dictionary<string, string[]>();
        for (int c = 0; c < isText.Length; c++)
            if (isText[c]) columns[table.Header[c]] = new string[table.RowCount];
        var byIndex = table.Header.Select((h, c) => isText[c] ? columns[h] : null).ToArray();
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int c = 0; c < byIndex.Length; c++)
            {
                var field = tokenizer.NextField(out _);
                if (byIndex[c] is { } column) column[r] = field.ToString();
            }
            while (tokenizer.AtBlankLine) tokenizer.SkipRecord();
        }
        return columns;
    }
}
