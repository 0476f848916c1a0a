using Scalearn.Reporting.Analysis;
using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Figures;

/// <summary>What every section builder shares: the record, its scored trials, the varying parameters and their importances.</summary>
internal sealed class ReportContext
{
    public ReportContext(SearchRecord record, ReportOptions options)
    {
        Record = record;
        Options = options;
        Scored = record.Trials.Where(t => t.HasScore).ToArray();
        var axes = ParamAxis.Of(record.Trials, record.ParamNames);
        Varying = axes.Where(a => a.Varies).ToArray();
        Fixed = axes.Where(a => !a.Varies).ToArray();
        if (Scored.Count >= 2 && Varying.Count > 0)
            Fanova = Fanova.Fit(Scored.Select(Encode).ToArray(), Scored.Select(t => t.Value).ToArray(), Varying.Select(a => a.Bounds).ToArray(), options.Seed);
    }

    public SearchRecord Record { get; }
    public ReportOptions Options { get; }
    /// <summary>Complete trials with a finite score, in trial order.</summary>
    public IReadOnlyList<Trial> Scored { get; }
    public IReadOnlyList<ParamAxis> Varying { get; }
    public IReadOnlyList<ParamAxis> Fixed { get; }
    public Fanova? Fanova { get; }
    public string ScoreLabel => Record.Scorer == "score" ? "mean test score" : $"mean test {Record.Scorer}";

    public double[] Encode(Trial trial) => Varying.Select(a => a.Encode(trial.Params.GetValueOrDefault(a.Name))).ToArray();

    /// <summary>Varying parameters, most important first (in name order when there are no importances).</summary>
    public IReadOnlyList<int> ByImportance => Fanova is null ? Enumerable.Range(0, Varying.Count).ToArray()
        : Enumerable.Range(0, Varying.Count).OrderByDescending(i => Fanova.Importances[i]).ThenBy(i => i).ToArray();

    public static string SafeId(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    public static string Count(int n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";
}
