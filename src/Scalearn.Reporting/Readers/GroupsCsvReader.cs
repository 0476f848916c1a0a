using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>Reads a fit-groups output (groups.csv: group, rows, score, params, fit_seconds, status, error).</summary>
public static class GroupsCsvReader
{
    public static IReadOnlyList<GroupFit> Read(string path)
    {
        var table = CsvTable.Read(path);
        int group = table.Column("group"), rows = table.Column("rows"), score = table.Column("score");
        int parameters = table.Column("params"), fit = table.Column("fit_seconds"), status = table.Column("status");
        int error = table.Column("error");
        var groups = new List<GroupFit>(table.Rows.Count);
        foreach (var (line, cells) in table.Rows)
        {
            if (!CellText.TryNumber(cells[rows], out var n) || n < 0 || n != Math.Floor(n))
                throw table.Error(line, rows, $"expected a row count, got '{cells[rows]}'.");
            double s = double.NaN;
            if (cells[score].Trim().Length > 0 && !CellText.TryNumber(cells[score], out s))
                throw table.Error(line, score, $"expected a score, got '{cells[score]}'.");
            double seconds = double.NaN;
            if (cells[fit].Trim().Length > 0 && !CellText.TryNumber(cells[fit], out seconds))
                throw table.Error(line, fit, $"expected seconds, got '{cells[fit]}'.");
            IReadOnlyDictionary<string, object?> p = new Dictionary<string, object?>();
            if (CellText.TryParam(cells[parameters], out var raw))
                p = raw as IReadOnlyDictionary<string, object?> ?? throw table.Error(line, parameters, $"expected a JSON object of parameters, got '{cells[parameters]}'.");
            var message = cells[error].Trim();
            groups.Add(new GroupFit(cells[group], (int)n, s, p, seconds, cells[status].Trim(), message.Length == 0 ? null : message));
        }
        return groups;
    }
}
