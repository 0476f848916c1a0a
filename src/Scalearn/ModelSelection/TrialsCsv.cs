using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>
/// One row per evaluated candidate in Optuna's trials_dataframe naming: number, state (COMPLETE or FAIL), value (mean
/// test score of the ranking scorer), datetime_start, datetime_complete, duration (seconds), params_&lt;name&gt;, and for
/// searches in rungs iter and n_resources.
/// </summary>
public static class TrialsCsv
{
    public static void Write(CvResults results, TextWriter writer)
    {
        var names = results.Params.SelectMany(p => p.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        bool rungs = results.Candidates.Any(c => c.Iter is not null);
        var header = new List<string> { "number", "state", "value", "datetime_start", "datetime_complete", "duration" };
        header.AddRange(names.Select(n => "params_" + n));
        if (rungs) header.AddRange(["iter", "n_resources"]);
        writer.WriteLine(string.Join(",", header.Select(Quote)));
        var values = results.Numbers($"mean_test_{results.ScoreSuffixes[0]}");
        for (int i = 0; i < results.Count; i++)
        {
            var c = results.Candidates[i];
            var row = new List<string>
            {
                c.Index.ToString(CultureInfo.InvariantCulture),
                c.SplitErrors.All(e => e is not null) ? "FAIL" : "COMPLETE",
                double.IsFinite(values[i]) ? values[i].ToString("R", CultureInfo.InvariantCulture) : "",
                c.Started?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                c.Finished?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                c.Started is { } s && c.Finished is { } f ? (f - s).TotalSeconds.ToString("R", CultureInfo.InvariantCulture) : "",
            };
            row.AddRange(names.Select(n => c.Params.TryGetValue(n, out var v) ? Cell(v) : ""));
            if (rungs) row.AddRange([(c.Iter ?? 0).ToString(CultureInfo.InvariantCulture), (c.NResources ?? 0).ToString(CultureInfo.InvariantCulture)]);
            writer.WriteLine(string.Join(",", row.Select(Quote)));
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => RawJson.ToJson(value),
    };

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
