namespace Scalearn.Data.Csv;

/// <summary>Reads and checks the header row: the column names, non-empty and unique.</summary>
internal static class CsvHeader
{
    public static string[] Read(CsvTextSource source)
    {
        var name = source.SourceName;
        source.Fill();
        if (source.OnlyWhitespaceRemains()) throw new CsvFormatException(name, 0, "the file is empty (a header row is required)");
        var names = ReadRecord(source);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < names.Length; c++)
        {
            names[c] = names[c].Trim();
            if (names[c].Length == 0) throw new CsvFormatException(name, 1, "the header has an empty column name", "", c + 1);
            if (!seen.TryAdd(names[c], c))
                throw new CsvFormatException(name, 1,
                    $"duplicate column name '{names[c]}' (columns #{seen[names[c]] + 1} and #{c + 1})", names[c], c + 1);
        }
        return names;
    }

    /// <summary>The fields of the next record as strings, refilling the source until the record is complete.</summary>
    private static string[] ReadRecord(CsvTextSource source)
    {
        while (true)
        {
            var tokenizer = source.Tokenizer();
            if (tokenizer.AtBlankLine) throw new CsvFormatException(source.SourceName, source.Line, "the header row is empty");
            var fields = new List<string>();
            bool end;
            do fields.Add(tokenizer.NextField(out end).ToString()); while (!end && !tokenizer.NeedMore);
            source.Scratch = tokenizer.Scratch;
            if (!tokenizer.NeedMore)
            {
                source.Advance(tokenizer.Position, tokenizer.Line);
                return fields.ToArray();
            }
            source.Fill();
        }
    }
}
