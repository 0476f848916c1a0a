namespace Scalearn.Data;

/// <summary>First CSV pass: parses every cell of the data rows into a row-major buffer and finds the text columns.</summary>
internal sealed class NumericTable(string source, string[] header, int targetColumn, CsvOptions options)
{
    private readonly int _cols = header.Length;
    private readonly int[] _firstMissingLine = new int[header.Length];
    private double[] _values = new double[header.Length * 256];

    public string[] Header { get; } = header;
    public bool[] IsText { get; } = new bool[header.Length];
    public int RowCount { get; private set; }

    /// <summary>Row-major cells (RowCount x header columns); text columns hold zeros.</summary>
    public double[] Values => _values;

    public double[] Column(int c)
    {
        var result = new double[RowCount];
        for (int r = 0; r < RowCount; r++) result[r] = _values[r * _cols + c];
        return result;
    }

    public void ReadRows(ref CsvTokenizer tokenizer)
    {
        while (!tokenizer.AtEnd)
        {
            if (tokenizer.AtBlankLine)
            {
                if (tokenizer.OnlyWhitespaceRemains) break;
                throw new CsvFormatException(source, tokenizer.Line, $"blank line inside the data (expected {_cols} fields)");
            }
            int line = tokenizer.Line;
            if ((RowCount + 1) * (long)_cols > _values.Length)
                Array.Resize(ref _values, checked((int)Math.Min(Array.MaxLength, Math.Max(_values.Length * 2L, (RowCount + 1) * (long)_cols))));
            int offset = RowCount * _cols;
            int count = 0;
            bool end;
            do
            {
                int cellLine = tokenizer.Line;
                var field = tokenizer.NextField(out end);
                if (count < _cols) _values[offset + count] = ParseCell(field, count, cellLine);
                count++;
            } while (!end);
            if (count != _cols)
                throw new CsvFormatException(source, line, $"expected {_cols} fields (as in the header), got {count}");
            RowCount++;
        }
    }

    private double ParseCell(ReadOnlySpan<char> field, int c, int line)
    {
        if (IsText[c]) return 0;
        if (CsvNumber.TryParse(field, out double v))
        {
            if (double.IsFinite(v)) return v;
            if (double.IsInfinity(v)) throw Error(line, c, $"infinite value '{field.ToString()}' is not allowed");
        }
        if (CsvNumber.IsMissingToken(field))
        {
            if (c == targetColumn) throw Error(line, c, "missing target value");
            if (options.AllowMissing) return double.NaN;
            if (!options.KeepTextColumns)
                throw Error(line, c, $"missing value ('{field.ToString()}'); set AllowMissing to load missing values as NaN");
            // The column may still turn out to be text, where empty cells are fine: decide after the last row.
            if (_firstMissingLine[c] == 0) _firstMissingLine[c] = line;
            return double.NaN;
        }
        if (c == targetColumn) throw Error(line, c, $"non-numeric target value '{field.ToString()}' (the target must be numeric)");
        if (!options.KeepTextColumns)
            throw Error(line, c, $"non-numeric value '{field.ToString()}'; set KeepTextColumns to keep text columns");
        IsText[c] = true;
        return 0;
    }

    /// <summary>Reports missing cells of numeric columns that were tolerated only while the column might have been text.</summary>
    public void CheckDeferredMissing()
    {
        if (options.AllowMissing) return;
        for (int c = 0; c < _cols; c++)
            if (!IsText[c] && _firstMissingLine[c] > 0)
                throw Error(_firstMissingLine[c], c, "missing value in a numeric column; set AllowMissing to load missing values as NaN");
    }

    private CsvFormatException Error(int line, int c, string problem) => new(source, line, problem, Header[c], c + 1);
}
