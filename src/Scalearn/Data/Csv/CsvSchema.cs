using Scalearn.Data.Tables;

namespace Scalearn.Data.Csv;

/// <summary>
/// The schema step for CSV: the header gives the names and, with the options, the roles; where a column's kind is
/// not fixed by its role (passthrough and group columns, features with KeepTextColumns, the target) the first InferRows
/// data rows decide between numbers and text. A target that holds text is a column of class labels.
/// </summary>
internal sealed class CsvSchema
{
    private CsvSchema(TableSchema table, string[] header, int inferredFromRows)
    {
        Table = table;
        Header = header;
        InferredFromRows = inferredFromRows;
    }

    public TableSchema Table { get; }
    public string[] Header { get; }

    /// <summary>Data rows the kinds were inferred from (0 when no column needed it).</summary>
    public int InferredFromRows { get; }

    public static CsvSchema Read(CsvInput input, TableOptions options)
    {
        using var source = input.Open();
        var header = CsvHeader.Read(source);
        var roles = ColumnRoles.Assign(header, options, problem => new CsvFormatException(input.Name, 1, problem));
        bool declaredText(int c) => options.TextColumns.Contains(header[c]);
        bool Inferred(int c) =>
            roles[c] is ColumnRole.Passthrough or ColumnRole.Group && !declaredText(c)
            || roles[c] == ColumnRole.Feature && options.KeepTextColumns
            || roles[c] == ColumnRole.Target && !declaredText(c) && options.ClassNames is null;

        var kinds = new ColumnKind[header.Length];
        for (int c = 0; c < header.Length; c++)
            kinds[c] = roles[c] == ColumnRole.Text || declaredText(c) || roles[c] == ColumnRole.Target && options.ClassNames is not null
                ? ColumnKind.String : ColumnKind.Double;
        int sampled = 0;
        if (Enumerable.Range(0, header.Length).Any(Inferred))
        {
            var parser = new CsvRowParser(input.Name, header, options.OptionNames);
            var scratch = new double[1];
            for (int c = 0; c < header.Length; c++)
            {
                ref var plan = ref parser.Plans[c];
                if (Inferred(c)) plan = new CsvColumnPlan { Action = CsvCellAction.Classify, ExactIntegers = roles[c] is ColumnRole.Passthrough or ColumnRole.Group };
                else if (roles[c] == ColumnRole.Feature)
                {
                    // Checked as the data pass will, so the sample reports the first bad cell in file order.
                    plan = new CsvColumnPlan { Action = CsvCellAction.Number, Numbers = scratch, AllowMissing = options.AllowMissing };
                }
            }
            int limit = options.InferRows == 0 ? int.MaxValue : options.InferRows;
            bool onlyTarget = Enumerable.Range(0, header.Length).All(c => !Inferred(c) || roles[c] == ColumnRole.Target);
            try { sampled = parser.ReadRows(source, 0, limit); }
            catch (CsvFormatException) when (onlyTarget)
            {
                // Sniffing the target's kind must not move a bad row's error to Open: the data pass reports it where it
                // is, before any row after it could contradict what the rows before it showed.
                sampled = limit;
            }
            for (int c = 0; c < header.Length; c++)
            {
                if (!Inferred(c) || !parser.SawText[c]) continue;
                kinds[c] = ColumnKind.String;
                if (roles[c] == ColumnRole.Feature) roles[c] = ColumnRole.Text;
            }
        }
        var columns = header.Select((name, c) => new SchemaColumn(c, name, kinds[c], roles[c])).ToArray();
        var table = new TableSchema(input.Name, TableFormat.Csv, columns, options.Target ?? "target", rowCount: null);
        return new CsvSchema(table, header, sampled);
    }

    /// <summary>Points the parser's plans at the arrays of <paramref name="buffers"/>.</summary>
    /// <param name="wholeFile">
    /// Features with KeepTextColumns, and a target, may still turn text (decided over the whole file, as CsvLoader does).
    /// </param>
    /// <param name="labels">Codes the target when it holds text.</param>
    public void Bind(CsvRowParser parser, ChunkBuffers buffers, TableOptions options, bool wholeFile, TargetLabels? labels)
    {
        foreach (var column in Table.Columns)
        {
            ref var plan = ref parser.Plans[column.Index];
            var action = plan.Action;
            bool inferred = column.Kind == ColumnKind.Double && InferredFromRows > 0
                && (column.Role != ColumnRole.Feature || options.KeepTextColumns);
            plan = column.Role switch
            {
                ColumnRole.Feature => new CsvColumnPlan
                {
                    Action = CsvCellAction.Number, Numbers = buffers.X, Offset = buffers.FeatureIndex[column.Index],
                    Stride = buffers.FeatureCount, AllowMissing = options.AllowMissing,
                    MayTurnText = wholeFile && options.KeepTextColumns,
                    InferredFromRows = wholeFile || !inferred ? 0 : InferredFromRows,
                },
                ColumnRole.Target when column.Kind == ColumnKind.String => new CsvColumnPlan
                {
                    Action = CsvCellAction.Label, Numbers = buffers.Y, Stride = 1, IsTarget = true,
                    Labels = labels ?? throw new InvalidOperationException("A text target needs its labels."),
                },
                ColumnRole.Target => new CsvColumnPlan
                {
                    Action = CsvCellAction.Number, Numbers = buffers.Y, Stride = 1, IsTarget = true, MayTurnText = wholeFile,
                    InferredFromRows = wholeFile || !inferred ? 0 : InferredFromRows,
                },
                ColumnRole.Excluded => default,
                _ when column.Kind == ColumnKind.String => new CsvColumnPlan
                {
                    Action = CsvCellAction.Text, Texts = (string?[])buffers.ArrayOf(column.Index)!,
                    CheckMissingText = column.Role == ColumnRole.Text && options.AllowMissing,
                },
                _ => new CsvColumnPlan
                {
                    Action = inferred ? CsvCellAction.CarriedNumber : CsvCellAction.Number, Numbers = (double[])buffers.ArrayOf(column.Index)!, Stride = 1,
                    AllowMissing = true, AllowInfinite = true, InferredFromRows = inferred ? InferredFromRows : 0,
                },
            };
            // A column that turned text during a whole-file pass stays skipped.
            if (action == CsvCellAction.Skip && plan.MayTurnText && parser.SawText[column.Index]) plan.Action = CsvCellAction.Skip;
        }
    }
}
