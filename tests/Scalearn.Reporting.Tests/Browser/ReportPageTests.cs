using System.Globalization;
using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Html;
using Scalearn.Reporting.Model;
using Scalearn.Reporting.Readers;

namespace Scalearn.Reporting.Tests.Browser;

/// <summary>The HTML report opened in a real headless Chromium: every chart drawn with the expected marks, no errors, sortable tables.</summary>
public sealed class ReportPageTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private static string Write(SearchRecord record, ReportOptions? options = null)
    {
        var path = Path.Combine(Fixture.TempDir(), "report.html");
        HtmlReportWriter.Write(ReportBuilder.Build(record, options), path);
        return path;
    }

    private static void AssertOneMarkEach(ChartDrawing drawn, string series, int expected)
    {
        Assert.Equal(expected, drawn[series].Count);
        Assert.Equal(expected, drawn[series].Drawn);
    }

    [ChromiumFact]
    public async Task Digits_grid_draws_every_chart_with_one_mark_per_trial()
    {
        await using var page = await chromium.OpenAsync(Write(ReportInputs.Load(Fixture.Path("digits"))));
        Assert.Empty(page.Errors);
        Assert.Equal(["history-trial", "history-time", "importance", "contour", "slice-n_estimators", "slice-max_depth", "slice-criterion",
            "slice-max_features", "parallel", "folds", "fit-time"], await page.FigureIdsAsync());

        foreach (var id in new[] { "history-trial", "history-time" })
        {
            var history = await page.DrawnAsync(id);
            AssertOneMarkEach(history, "trial", 16);
            Assert.Equal(16, history["best so far"].Count);
            // A step line through 16 points has a corner between each pair.
            Assert.Equal(31, history["best so far"].PathPoints);
        }
        Assert.Equal(4, (await page.DrawnAsync("importance")).Series.Single().Drawn);
        var contour = await page.DrawnAsync("contour");
        AssertOneMarkEach(contour, "predicted mean test score", 40 * 2); // 40 cells of n_estimators x the 2 max_depth categories
        AssertOneMarkEach(contour, "trial", 16);
        foreach (var slice in new[] { "slice-n_estimators", "slice-max_depth", "slice-criterion", "slice-max_features" })
            AssertOneMarkEach(await page.DrawnAsync(slice), "trial", 16);
        Assert.Equal(16, (await page.DrawnAsync("parallel")).Series.Single().Drawn);
        var folds = await page.DrawnAsync("folds");
        AssertOneMarkEach(folds, "split score", 16 * 3);
        AssertOneMarkEach(folds, "mean", 16);
        AssertOneMarkEach(folds, "split range", 16);
        AssertOneMarkEach(await page.DrawnAsync("fit-time"), "trial", 16);
    }

    [ChromiumFact]
    public async Task Clicking_a_header_sorts_the_table_and_clicking_again_reverses_it()
    {
        await using var page = await chromium.OpenAsync(Write(ReportInputs.Load(Fixture.Path("digits"))));
        var scores = (await page.ColumnAsync("top-table", "score")).Select(double.Parse).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);

        await page.ClickHeaderAsync("top-table", "fit");
        var fit = (await page.ColumnAsync("top-table", "fit")).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(fit.Order(), fit);
        Assert.Equal("ascending", await page.AttributeAsync("#top-table th[data-key=\"fit\"]", "aria-sort"));
        Assert.Equal("none", await page.AttributeAsync("#top-table th[data-key=\"score\"]", "aria-sort"));

        await page.ClickHeaderAsync("top-table", "fit");
        fit = (await page.ColumnAsync("top-table", "fit")).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(fit.OrderDescending(), fit);

        await page.ClickHeaderAsync("top-table", "param_criterion");
        var criterion = await page.ColumnAsync("top-table", "param_criterion");
        Assert.Equal(Enumerable.Repeat("entropy", 8).Concat(Enumerable.Repeat("gini", 8)), criterion);
        // Rows move whole: each row's trial number still matches its score.
        var trials = await page.ColumnAsync("top-table", "trial");
        Assert.Equal(16, trials.Distinct().Count());
        Assert.Empty(page.Errors);
    }

    [ChromiumFact]
    public async Task Halving_search_draws_its_rungs()
    {
        await using var page = await chromium.OpenAsync(Write(ReportInputs.Load(Fixture.Path("halving"))));
        Assert.Empty(page.Errors);
        var rungs = await page.DrawnAsync("rung-candidates");
        Assert.Equal(3, rungs.Series.Single().Drawn);
        AssertOneMarkEach(await page.DrawnAsync("rung-scores"), "trial", 35);
        AssertOneMarkEach(await page.DrawnAsync("history-trial"), "trial", 35);
        Assert.Equal(35, (await page.ColumnAsync("top-table", "trial")).Length);
    }

    [ChromiumFact]
    public async Task Optuna_trials_alone_draw_by_wall_time_leaving_out_pruned_and_failed_trials()
    {
        await using var page = await chromium.OpenAsync(Write(ReportInputs.Load(Fixture.Path("optuna"))));
        Assert.Empty(page.Errors);
        AssertOneMarkEach(await page.DrawnAsync("history-time"), "trial", 31);
        AssertOneMarkEach(await page.DrawnAsync("slice-C"), "trial", 31);
        var contour = await page.DrawnAsync("contour");
        AssertOneMarkEach(contour, "trial", 31);
        Assert.Equal(40, (await page.ColumnAsync("top-table", "trial")).Length);
    }

    [ChromiumFact]
    public async Task Fit_groups_draw_the_score_distribution_and_the_worst_groups()
    {
        await using var page = await chromium.OpenAsync(Write(ReportInputs.Load(Fixture.Path("groups"))));
        Assert.Empty(page.Errors);
        Assert.Equal(["group-scores", "worst-groups"], await page.FigureIdsAsync());
        Assert.Equal(8, (await page.DrawnAsync("group-scores")).Series.Single().Drawn); // ceil(sqrt(58)) bins
        Assert.Equal(20, (await page.DrawnAsync("worst-groups")).Series.Single().Drawn);
        var status = await page.ColumnAsync("groups-table", "status");
        Assert.Equal(["failed", "failed"], status.Take(2));
        await page.ClickHeaderAsync("groups-table", "rows");
        var rows = (await page.ColumnAsync("groups-table", "rows")).Select(int.Parse).ToArray();
        Assert.Equal(rows.Order(), rows);
    }

    [ChromiumFact]
    public async Task Ten_thousand_trials_draw_every_scored_trial_and_a_decimated_parallel_plot()
    {
        var record = SyntheticSearch.Create(10_000, seed: 1);
        int scored = record.Trials.Count(t => t.HasScore);
        await using var page = await chromium.OpenAsync(Write(record));
        Assert.Empty(page.Errors);
        Console.WriteLine($"10,000 trials: drawn {page.DrawMs:F0} ms after navigation start ({page.WallMs:F0} ms wall clock from the test)");
        foreach (var id in new[] { "history-trial", "history-time", "slice-C", "slice-kernel", "fit-time" })
            AssertOneMarkEach(await page.DrawnAsync(id), "trial", scored);
        AssertOneMarkEach(await page.DrawnAsync("contour"), "trial", scored);
        Assert.Equal(1000, (await page.DrawnAsync("parallel")).Series.Single().Drawn);
        var folds = await page.DrawnAsync("folds");
        AssertOneMarkEach(folds, "split score", 40 * 5);
        Assert.Equal(100, (await page.ColumnAsync("top-table", "trial")).Length);
    }

    [ChromiumFact]
    public async Task One_trial_still_makes_a_report_that_draws()
    {
        var record = SyntheticSearch.Create(1);
        await using var page = await chromium.OpenAsync(Write(record));
        Assert.Empty(page.Errors);
        AssertOneMarkEach(await page.DrawnAsync("history-trial"), "trial", record.Trials.Count(t => t.HasScore));
    }
}
