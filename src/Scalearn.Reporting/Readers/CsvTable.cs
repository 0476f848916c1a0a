using Scalearn.Data;

namespace Scalearn.Reporting.Readers;

/// <summary>A small CSV file read whole: header, then rows of text cells with their line numbers (for error messages).</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string path, string[] header, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        Header = header;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
            if (!_index.TryAdd(header[i], i)) throw new InvalidDataException($"{path}: column '{header[i]}' appears twice in the header.");
    }

    public string Path { get; }
    public string[] Header { get; }
    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    public static CsvTable Read(string path)
    {
        var text = File.ReadAllText(path);
        var tokenizer = new CsvTokenizer(text, path);
        var records = new List<(int Line, string[] Cells)>();
        while (!tokenizer.AtEnd && !text.AsSpan(tokenizer.Position).IsWhiteSpace())
        {
            if (tokenizer.AtBlankLine) { tokenizer.NextField(out _); continue; }
            int line = (int)tokenizer.Line;
            var cells = new List<string>();
            bool end;
            do cells.Add(tokenizer.NextField(out end).ToString()); while (!end);
            records.Add((line, cells.ToArray()));
        }
        if (records.Count == 0) throw new InvalidDataException($"{path}: the file is empty; expected a header line.");
        var header = records[0].Cells.Select(h => h.Trim()).ToArray();
        records.RemoveAt(0);
        foreach (var (line, cells) in records)
            if (cells.Length != header.Length)
                throw new InvalidDataException($"{path}, line {line}: {cells.Length} cells for the header's {header.Length} columns.");
        return new CsvTable(path, header, records);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    public int Column(string column) => _index.TryGetValue(column, out int i) ? i
        : throw new InvalidDataException($"{Path}: no column '{column}'; the header has {string.Join(", ", Header)}.");

    public int? OptionalColumn(string column) => _index.TryGetValue(column, out int i) ? i : null;

    public InvalidDataException Error(int line, int column, string problem) =>
        new($"{Path}, line {line}, column '{Header[column]}': {problem}");
}
