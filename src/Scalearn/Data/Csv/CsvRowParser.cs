using System.Runtime.CompilerServices;

namespace Scalearn.Data.Csv;

/// <summary>
/// Parses CSV records straight into their final arrays (no string per numeric cell), column by column as the plan
/// says, with the errors naming file, line and column. Works over a sliding <see cref="CsvTextSource"/>.
/// </summary>
internal sealed class CsvRowParser
{
    private const int InternLimit = 4096;
    private readonly string _source;
    private readonly string[] _header;
    private readonly CsvColumnPlan[] _plans;
    private readonly long[] _firstMissingLine;
    private readonly Dictionary<string, string>?[] _interned;
    private readonly Tables.TableOptionNames _names;

    public CsvRowParser(string source, string[] header, Tables.TableOptionNames? optionNames = null)
    {
        _source = source;
        _header = header;
        _names = optionNames ?? Tables.TableOptionNames.Library;
        _plans = new CsvColumnPlan[header.Length];
        _firstMissingLine = new long[header.Length];
        _interned = new Dictionary<string, string>?[header.Length];
        SawText = new bool[header.Length];
    }

    public CsvColumnPlan[] Plans => _plans;

    /// <summary>Columns where a Classify cell or a MayTurnText cell was not numeric.</summary>
    public bool[] SawText { get; }

    /// <summary>The input ended (or only trailing whitespace remains).</summary>
    public bool Finished { get; private set; }

    /// <summary>Parses up to <paramref name="maxRows"/> records into rows firstRow, firstRow+1, ...; returns how many.</summary>
    /// <remarks>Fully optimized from the first call: a whole-file load calls it once, so tiered compilation would leave it in slow code.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ReadRows(CsvTextSource source, int firstRow, int maxRows)
    {
        int rows = 0;
        int cols = _header.Length;
        var plans = _plans;
        while (rows < maxRows && !Finished)
        {
            if (source.IsEmpty)
            {
                if (source.IsFinal) { Finished = true; break; }
                source.Fill();
                continue;
            }
            var tokenizer = source.Tokenizer();
            bool needMore = false;
            while (rows < maxRows && !tokenizer.AtEnd)
            {
                int recordStart = tokenizer.Position;
                long line = tokenizer.Line;
                if (tokenizer.AtBlankLine)
                {
                    source.Advance(recordStart, line);
                    EndAtBlankLine(source, line);
                    return rows;
                }
                int row = firstRow + rows;
                int count = 0;
                bool end;
                do
                {
                    if ((uint)count < (uint)plans.Length)
                    {
                        ref var plan = ref plans[count];
                        if (plan.Action == CsvCellAction.Number && tokenizer.TryNextNumber(out double number, out end))
                        {
                            plan.Numbers![plan.Offset + row * plan.Stride] = number;
                            count++;
                            continue;
                        }
                    }
                    long cellLine = tokenizer.Line;
                    var field = tokenizer.NextField(out end);
                    if (tokenizer.NeedMore) break;
                    if (count < cols) Cell(ref plans[count], count, field, row, cellLine);
                    count++;
                } while (!end);
                if (tokenizer.NeedMore)
                {
                    source.Scratch = tokenizer.Scratch;
                    source.Advance(recordStart, line);
                    needMore = true;
                    break;
                }
                if (count != cols)
                    throw new CsvFormatException(_source, line, $"expected {cols} fields (as in the header), got {count}");
                rows++;
            }
            if (needMore)
            {
                source.Fill();
                continue;
            }
            source.Scratch = tokenizer.Scratch;
            source.Advance(tokenizer.Position, tokenizer.Line);
        }
        return rows;
    }

    /// <summary>True when no record follows (only trailing whitespace, or nothing): a buffer filled to capacity need not grow.</summary>
    public bool Exhausted(CsvTextSource source)
    {
        while (source.IsEmpty)
        {
            if (source.IsFinal) return Finished = true;
            source.Fill();
        }
        var tokenizer = source.Tokenizer();
        if (tokenizer.AtBlankLine) EndAtBlankLine(source, tokenizer.Line);
        return Finished;
    }

    private void EndAtBlankLine(CsvTextSource source, long line)
    {
        if (!source.OnlyWhitespaceRemains())
            throw new CsvFormatException(_source, line, $"blank line inside the data (expected {_header.Length} fields)");
        Finished = true;
    }

    private void Cell(ref CsvColumnPlan plan, int c, ReadOnlySpan<char> field, int row, long line)
    {
        switch (plan.Action)
        {
            case CsvCellAction.Number:
                if (CsvNumber.TryParse(field, out double v) && double.IsFinite(v)) plan.Numbers![plan.Offset + row * plan.Stride] = v;
                else plan.Numbers![plan.Offset + row * plan.Stride] = Unusual(ref plan, c, field, line);
                break;
            case CsvCellAction.CarriedNumber:
                if (CsvNumber.TryParse(field, out double carried) && CsvNumber.IsInexactInteger(field, carried))
                    throw Error(line, c,
                        $"integer '{field.ToString()}' is beyond 2^53, where a number column would round it, and the column's first " +
                        $"{plan.InferredFromRows} rows showed only numbers a double holds exactly; infer from more rows ({_names.InferRows} 0 " +
                        "scans the whole file) to read the column as text, as written");
                goto case CsvCellAction.Number;
            case CsvCellAction.Text:
                plan.Texts![plan.Offset + row] = plan.CheckMissingText && CsvNumber.IsMissingToken(field) ? null : Intern(c, field);
                break;
            case CsvCellAction.Label:
            {
                if (CsvNumber.IsMissingToken(field)) throw Error(line, c, "missing target value");
                int code = plan.Labels!.Code(field);
                if (code < 0)
                    throw Error(line, c, $"class label '{field.ToString()}' is not one of the known classes ({plan.Labels.Describe()})");
                plan.Numbers![plan.Offset + row * plan.Stride] = code;
                break;
            }
            case CsvCellAction.Classify:
                if (!SawText[c] && (CsvNumber.TryParse(field, out double number) ? plan.ExactIntegers && CsvNumber.IsInexactInteger(field, number)
                        : !CsvNumber.IsMissingToken(field)))
                    SawText[c] = true;
                break;
        }
    }

    /// <summary>A numeric cell that is not a plain finite number: infinite, missing or text.</summary>
    private double Unusual(ref CsvColumnPlan plan, int c, ReadOnlySpan<char> field, long line)
    {
        if (CsvNumber.TryParse(field, out double v) && double.IsInfinity(v))
        {
            if (plan.AllowInfinite) return v;
            throw Error(line, c, $"infinite value '{field.ToString()}' is not allowed");
        }
        if (CsvNumber.IsMissingToken(field))
        {
            if (plan.IsTarget) throw Error(line, c, "missing target value");
            if (plan.AllowMissing) return double.NaN;
            if (!plan.MayTurnText)
                throw Error(line, c, $"missing value ('{field.ToString()}')" + Tables.TableOptionNames.Hint(_names.AllowMissing, "loads missing values as NaN"));
            // The column may still turn out to be text, where empty cells are fine: decide after the last row.
            if (_firstMissingLine[c] == 0) _firstMissingLine[c] = line;
            return double.NaN;
        }
        if (plan.MayTurnText)
        {
            SawText[c] = true;
            plan.Action = CsvCellAction.Skip;
            return 0;
        }
        if (plan.InferredFromRows > 0)
            throw Error(line, c,
                $"non-numeric value '{field.ToString()}' in a column that its first {plan.InferredFromRows} rows showed numeric; " +
                (_names.TextColumns is null ? "" : $"name it in {_names.TextColumns}, or ") + $"infer from more rows ({_names.InferRows} 0 scans the whole file)");
        if (plan.IsTarget)
            throw Error(line, c, $"non-numeric target value '{field.ToString()}'" + (_names.TextColumns is null ? "" : $"; name the target in {_names.TextColumns} to read class labels"));
        throw Error(line, c, $"non-numeric value '{field.ToString()}'" + _names.TextFeatureHint("the column"));
    }

    /// <summary>Repeated values of a text column (categories) share one string.</summary>
    private string Intern(int c, ReadOnlySpan<char> field)
    {
        var cache = _interned[c] ??= new Dictionary<string, string>(StringComparer.Ordinal);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(field, out var known)) return known;
        var text = field.ToString();
        if (cache.Count < InternLimit) cache[text] = text;
        return text;
    }

    /// <summary>Reports missing cells of numeric columns that were tolerated only while the column might have been text.</summary>
    public void CheckDeferredMissing()
    {
        for (int c = 0; c < _header.Length; c++)
            if (_plans[c].MayTurnText && !SawText[c] && _firstMissingLine[c] > 0)
                throw Error(_firstMissingLine[c], c, "missing value in a numeric column" + Tables.TableOptionNames.Hint(_names.AllowMissing, "loads missing values as NaN"));
    }

    private CsvFormatException Error(long line, int c, string problem) => new(_source, line, problem, _header[c], c + 1);
}
