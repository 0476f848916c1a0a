using System.Globalization;
using Scalearn.ModelSelection;
using Spectre.Console;

namespace Scalearn.Cli.Console;

/// <summary>The top candidates of a search, best first.</summary>
public static class ResultsTable
{
    public static Table Build(CvResults results, int top)
    {
        string suffix = RankingSuffix(results);
        var ranks = results.Numbers($"rank_test_{suffix}");
        var means = results.Numbers($"mean_test_{suffix}");
        var stds = results.Numbers($"std_test_{suffix}");
        var fitTimes = results.Numbers("mean_fit_time");
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("rank").AddColumn($"mean {suffix}").AddColumn("std").AddColumn("fit s").AddColumn("parameters");
        foreach (int i in Enumerable.Range(0, results.Count).OrderBy(i => ranks[i]).ThenBy(i => i).Take(top))
        {
            var parameters = Markup.Escape(TerminalText.Escape(string.Join(", ", results.Params[i].Select(kv => $"{kv.Key}={Estimators.ParamConverter.Format(kv.Value)}"))));
            if (results.Errors[i] is string error) parameters += $"  [red]failed: {Markup.Escape(TerminalText.Escape(error))}[/]";
            table.AddRow(
                ranks[i].ToString(CultureInfo.InvariantCulture),
                means[i].ToString("F4", CultureInfo.InvariantCulture),
                stds[i].ToString("F4", CultureInfo.InvariantCulture),
                fitTimes[i].ToString("F3", CultureInfo.InvariantCulture),
                parameters);
        }
        return table;
    }

    /// <summary>The first scorer ranks the candidates; its columns come first.</summary>
    private static string RankingSuffix(CvResults results) =>
        results.Columns.First(c => c.StartsWith("rank_test_", StringComparison.Ordinal))["rank_test_".Length..];
}
