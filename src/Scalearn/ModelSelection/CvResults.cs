using System.Globalization;
using System.Text;
using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>Search results shaped like scikit-learn's cv_results_: one value per candidate in every column.</summary>
public sealed class CvResults
{
    private readonly Dictionary<string, object?[]> _columns = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public CvResults(IReadOnlyList<CandidateScores> candidates, IReadOnlyList<string> scoring, int splits, bool returnTrainScore)
    {
        Count = candidates.Count;
        Params = candidates.Select(c => c.Params).ToArray();
        Errors = candidates.Select(c => c.Error).ToArray();
        Candidates = candidates;

        AddNumbers("mean_fit_time", candidates.Select(c => Stats.Mean(c.FitSeconds)));
        AddNumbers("std_fit_time", candidates.Select(c => Stats.Std(c.FitSeconds)));
        AddNumbers("mean_score_time", candidates.Select(c => Stats.Mean(c.ScoreSeconds)));
        AddNumbers("std_score_time", candidates.Select(c => Stats.Std(c.ScoreSeconds)));
        var names = candidates.SelectMany(c => c.Params.Keys).Distinct().Order(StringComparer.Ordinal);
        foreach (var name in names)
            Add("param_" + name, candidates.Select(c => c.Params.TryGetValue(name, out var v) ? v : null).ToArray());
        Add("params", Params.Cast<object?>().ToArray());

        ScoreSuffixes = scoring.Count == 1 ? ["score"] : scoring.ToArray();
        for (int k = 0; k < scoring.Count; k++)
        {
            string suffix = ScoreSuffixes[k];
            for (int s = 0; s < splits; s++) AddNumbers($"split{s}_test_{suffix}", candidates.Select(c => c.TestScores[k][s]));
            var means = candidates.Select(c => Stats.Mean(c.TestScores[k])).ToArray();
            AddNumbers($"mean_test_{suffix}", means);
            AddNumbers($"std_test_{suffix}", candidates.Select(c => Stats.Std(c.TestScores[k])));
            Add($"rank_test_{suffix}", Stats.RankDescending(means).Cast<object?>().ToArray());
            if (!returnTrainScore) continue;
            for (int s = 0; s < splits; s++) AddNumbers($"split{s}_train_{suffix}", candidates.Select(c => c.TrainScores![k][s]));
            AddNumbers($"mean_train_{suffix}", candidates.Select(c => Stats.Mean(c.TrainScores![k])));
            AddNumbers($"std_train_{suffix}", candidates.Select(c => Stats.Std(c.TrainScores![k])));
        }
        if (candidates.Any(c => c.Iter is not null))
        {
            Add("iter", candidates.Select(c => (object?)(long)(c.Iter ?? 0)).ToArray());
            Add("n_resources", candidates.Select(c => (object?)(c.NResources ?? 0)).ToArray());
        }
    }

    /// <summary>Number of candidates.</summary>
    public int Count { get; }
    public IReadOnlyList<string> Columns => _order;
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Params { get; }
    /// <summary>First fit error ("ExceptionType: message") per candidate, null if none.</summary>
    public IReadOnlyList<string?> Errors { get; }
    /// <summary>"score" for a single scorer, else the scorer names: the &lt;s&gt; in split&lt;k&gt;_test_&lt;s&gt;.</summary>
    public IReadOnlyList<string> ScoreSuffixes { get; }
    /// <summary>The per-candidate records the columns were built from.</summary>
    public IReadOnlyList<CandidateScores> Candidates { get; }

    public IReadOnlyList<object?> Column(string name) =>
        _columns.TryGetValue(name, out var values) ? values
            : throw new ArgumentException($"No cv_results column '{name}'; columns: {string.Join(", ", _order)}.", nameof(name));

    public double[] Numbers(string name) => Column(name).Select(v => v switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => throw new InvalidOperationException($"Column '{name}' is not numeric."),
    }).ToArray();

    public void WriteCsv(TextWriter writer)
    {
        writer.WriteLine(string.Join(",", _order.Select(Quote)));
        for (int i = 0; i < Count; i++)
            writer.WriteLine(string.Join(",", _order.Select(c => Quote(Cell(_columns[c][i], c == "params")))));
    }

    /// <summary>Writes <c>{"columns": {name: [values]}, "errors": [...]}</c>; NaN is written as null.</summary>
    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteStartObject("columns");
        foreach (var name in _order)
        {
            w.WriteStartArray(name);
            foreach (var value in _columns[name])
            {
                if (value is double d && !double.IsFinite(d)) w.WriteNullValue();
                else RawJson.Write(w, value);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("errors");
        foreach (var e in Errors) w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void AddNumbers(string name, IEnumerable<double> values) => Add(name, values.Cast<object?>().ToArray());

    private void Add(string name, object?[] values)
    {
        _columns.Add(name, values);
        _order.Add(name);
    }

    private static string Cell(object? value, bool asJson)
    {
        if (asJson) return Json(value);
        return value switch
        {
            null => "",
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Json(value),
        };
    }

    private static string Json(object? value)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) RawJson.Write(w, value);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
}
