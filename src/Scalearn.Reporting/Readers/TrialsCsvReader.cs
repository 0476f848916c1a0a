using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>
/// Reads trials.csv, Optuna's trials_dataframe naming: number, state, value, datetime_start, datetime_complete,
/// duration, params_&lt;name&gt;..., and iter, n_resources for halving searches. Durations may be seconds or pandas
/// Timedelta text; datetimes are ISO 8601 (no zone means UTC).
/// </summary>
public static class TrialsCsvReader
{
    public static IReadOnlyList<Trial> Read(string path)
    {
        var table = CsvTable.Read(path);
        int number = table.Column("number");
        int state = table.Column("state");
        int? value = table.OptionalColumn("value");
        int? start = table.OptionalColumn("datetime_start");
        int? complete = table.OptionalColumn("datetime_complete");
        int? duration = table.OptionalColumn("duration");
        int? iter = table.OptionalColumn("iter");
        int? resources = table.OptionalColumn("n_resources");
        var paramColumns = Enumerable.Range(0, table.Header.Length).Where(c => table.Header[c].StartsWith("params_", StringComparison.Ordinal)).ToArray();
        var trials = new List<Trial>(table.Rows.Count);
        var seen = new HashSet<int>();
        foreach (var (line, cells) in table.Rows)
        {
            double n = Required(table, line, cells, number, "a trial number");
            if (n < 0 || n != Math.Floor(n) || n > int.MaxValue) throw table.Error(line, number, $"expected a trial number (0, 1, ...), got '{cells[number]}'.");
            if (!seen.Add((int)n)) throw table.Error(line, number, $"trial {n} appears twice.");
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (int c in paramColumns)
                if (CellText.TryParam(cells[c], out var v)) parameters[table.Header[c]["params_".Length..]] = v;
            trials.Add(new Trial
            {
                Number = (int)n,
                State = State(table, line, cells, state),
                Value = value is int vc ? Optional(table, line, cells, vc, "a score") ?? double.NaN : double.NaN,
                Params = parameters,
                Start = Time(table, line, cells, start),
                Complete = Time(table, line, cells, complete),
                Duration = Seconds(table, line, cells, duration),
                Iter = iter is int ic && Optional(table, line, cells, ic, "a rung number") is double it ? (int)it : null,
                NResources = resources is int rc ? Optional(table, line, cells, rc, "a resource amount") : null,
            });
        }
        return trials;
    }

    private static TrialState State(CsvTable table, int line, string[] cells, int column) => cells[column].Trim().ToUpperInvariant() switch
    {
        "COMPLETE" => TrialState.Complete,
        "FAIL" => TrialState.Fail,
        "PRUNED" => TrialState.Pruned,
        "RUNNING" or "WAITING" => TrialState.Running,
        _ => throw table.Error(line, column, $"state must be COMPLETE, FAIL, PRUNED, RUNNING or WAITING; got '{cells[column]}'."),
    };

    private static double Required(CsvTable table, int line, string[] cells, int column, string what) =>
        Optional(table, line, cells, column, what) ?? throw table.Error(line, column, $"expected {what}, got an empty cell.");

    private static double? Optional(CsvTable table, int line, string[] cells, int column, string what)
    {
        if (cells[column].Trim().Length == 0) return null;
        return CellText.TryNumber(cells[column], out var v) ? v : throw table.Error(line, column, $"expected {what}, got '{cells[column]}'.");
    }

    private static DateTimeOffset? Time(CsvTable table, int line, string[] cells, int? column)
    {
        if (column is not int c || cells[c].Trim().Length == 0) return null;
        return CellText.TryTime(cells[c], out var t) ? t : throw table.Error(line, c, $"expected an ISO 8601 date and time, got '{cells[c]}'.");
    }

    private static double? Seconds(CsvTable table, int line, string[] cells, int? column)
    {
        if (column is not int c || cells[c].Trim().Length == 0) return null;
        return CellText.TrySeconds(cells[c], out var s) ? s : throw table.Error(line, c, $"expected a duration in seconds, got '{cells[c]}'.");
    }
}
