using System.Text.Json;
using Scalearn.Estimators;
using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Readers;

/// <summary>
/// Reads a search's cv_results.json (<c>{"columns": {name: [values]}, "errors": [...]}</c>, scikit-learn's cv_results_
/// columns) into trials: one per row, its value the mean test score of the chosen scorer, null scores as failures.
/// </summary>
public static class CvResultsReader
{
    public static SearchRecord Read(string path, string? scorer = null)
    {
        using var stream = File.OpenRead(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(stream); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not valid JSON ({e.Message})."); }
        using (doc) return Read(doc.RootElement, path, scorer);
    }

    internal static SearchRecord Read(JsonElement root, string path, string? scorer)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("columns", out var columnsElement) || columnsElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: expected an object with a \"columns\" object (scalearn tune's cv_results.json).");
        var columns = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        int count = -1;
        foreach (var column in columnsElement.EnumerateObject())
        {
            if (column.Value.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: column '{column.Name}' is not an array.");
            int length = column.Value.GetArrayLength();
            if (count >= 0 && length != count)
                throw new InvalidDataException($"{path}: column '{column.Name}' has {length} values but earlier columns have {count}.");
            count = length;
            columns[column.Name] = column.Value;
        }
        var scorers = columns.Keys.Where(k => k.StartsWith("mean_test_", StringComparison.Ordinal)).Select(k => k["mean_test_".Length..]).ToArray();
        if (scorers.Length == 0) throw new InvalidDataException($"{path}: no mean_test_<scorer> column; columns: {string.Join(", ", columns.Keys)}.");
        string chosen = scorer ?? scorers[0];
        if (!scorers.Contains(chosen))
            throw new ArgumentException($"--scorer must be one of {string.Join(", ", scorers)} (the scorers in {path}); got '{chosen}'.");

        var errors = root.TryGetProperty("errors", out var errorsElement) && errorsElement.ValueKind == JsonValueKind.Array
            ? errorsElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToArray()
            : [];
        var splitColumns = SplitColumns(columns, "test", chosen);
        var trainColumns = SplitColumns(columns, "train", chosen);
        var paramColumns = columns.Keys.Where(k => k.StartsWith("param_", StringComparison.Ordinal)).ToArray();
        var trials = new Trial[Math.Max(count, 0)];
        for (int i = 0; i < trials.Length; i++)
        {
            double value = Number(columns, "mean_test_" + chosen, i, path);
            string? error = i < errors.Length ? errors[i] : null;
            trials[i] = new Trial
            {
                Number = i,
                State = double.IsFinite(value) ? TrialState.Complete : TrialState.Fail,
                Value = value,
                Params = Params(columns, paramColumns, i, path),
                SplitScores = splitColumns.Select(c => Number(columns, c, i, path)).ToArray(),
                TrainScores = trainColumns.Select(c => Number(columns, c, i, path)).ToArray(),
                FitSeconds = Number(columns, "mean_fit_time", i, path),
                ScoreSeconds = Number(columns, "mean_score_time", i, path),
                Iter = columns.ContainsKey("iter") ? (int)Number(columns, "iter", i, path) : null,
                NResources = columns.ContainsKey("n_resources") ? Number(columns, "n_resources", i, path) : null,
                Error = error,
            };
        }
        return new SearchRecord { Source = path, Scorer = chosen, Scorers = scorers, Trials = trials };
    }

    private static string[] SplitColumns(Dictionary<string, JsonElement> columns, string kind, string scorer)
    {
        var names = new List<string>();
        for (int k = 0; columns.ContainsKey($"split{k}_{kind}_{scorer}"); k++) names.Add($"split{k}_{kind}_{scorer}");
        return names.ToArray();
    }

    private static double Number(Dictionary<string, JsonElement> columns, string name, int row, string path)
    {
        if (!columns.TryGetValue(name, out var column)) return double.NaN;
        var cell = column[row];
        return cell.ValueKind switch
        {
            JsonValueKind.Number => cell.GetDouble(),
            JsonValueKind.Null => double.NaN,
            JsonValueKind.String when CellText.TryNumber(cell.GetString()!, out var v) => v,
            _ => throw new InvalidDataException($"{path}: column '{name}', row {row}: expected a number, got {cell.GetRawText()}."),
        };
    }

    private static IReadOnlyDictionary<string, object?> Params(Dictionary<string, JsonElement> columns, string[] paramColumns, int row, string path)
    {
        if (columns.TryGetValue("params", out var all))
        {
            var cell = all[row];
            if (cell.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: column 'params', row {row}: expected an object of parameters, got {cell.GetRawText()}.");
            return cell.EnumerateObject().ToDictionary(p => p.Name, p => RawJson.ToRaw(p.Value), StringComparer.Ordinal);
        }
        return paramColumns.ToDictionary(c => c["param_".Length..], c => RawJson.ToRaw(columns[c][row]), StringComparer.Ordinal);
    }
}
