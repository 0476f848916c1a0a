using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Reporting.Tests;
using Scalearn.Reporting.Tests.Browser;

namespace Scalearn.Dashboard.Tests.Browser;

/// <summary>Runs only when SCALEARN_SCREENSHOTS names a folder (docs/): refreshes the README's dashboard screenshots.</summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public ScreenshotFactAttribute()
    {
        if (Chromium.Executable is null || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SCALEARN_SCREENSHOTS")))
            Skip = "Not a test: set SCALEARN_SCREENSHOTS=docs (with Chromium installed) to refresh the README's dashboard screenshots.";
    }
}

/// <summary>
/// The README's digits search (scalearn tune --data digits --estimator random-forest-classifier --cv 3 --grid ...),
/// run for real with a journal while the dashboard shows it: one screenshot while it runs, one when it is done.
/// </summary>
public sealed class ReadmeScreenshots(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    [ScreenshotFact(Timeout = 600_000)]
    public async Task Digits_search_live_and_finished()
    {
        var output = Environment.GetEnvironmentVariable("SCALEARN_SCREENSHOTS")!;
        var dir = Path.Combine(Fixture.TempDir(), "digits-search");
        Directory.CreateDirectory(dir);
        var search = new GridSearch(EstimatorRegistry.Create("random-forest-classifier"),
            ParamGrid.Parse("""{"n_estimators":[40,80],"max_features":["sqrt",10],"max_depth":[null,10],"criterion":["gini","entropy"]}"""))
        {
            Cv = new StratifiedKFold(3, shuffle: true, randomState: 0), Scoring = ["accuracy"], Journal = Path.Combine(dir, "journal.db"),
        };
        var data = BundledDatasets.Load("digits", "target");
        await using var server = await DashboardHarness.StartAsync(dir);
        var run = Task.Run(() => search.FitAsync(data));
        while (!File.Exists(search.Journal) && !run.IsCompleted) await Task.Delay(50);

        await using var page = await ReportPage.OpenAsync(chromium.Browser, DashboardHarness.Local(server, DashboardHarness.IdOf(search.Journal!)),
            "scalearnDashboard", 1400, 1000);
        await page.WaitForAsync("window.scalearnDashboard.progress && window.scalearnDashboard.progress.summary.complete >= 6 && window.scalearnDashboard.progress.summary.running > 0" +
            " && window.scalearnDashboard.figures['contour']", 300_000);
        await Task.Delay(1500);
        await page.ScreenshotAsync(Path.Combine(output, "dashboard-live.png"), fullPage: false);

        await run;
        await page.WaitForAsync("window.scalearnDashboard.progress.summary.status === 'completed' && window.scalearnDashboard.figures['history-trial'].series[0].points.length === 16", 60_000);
        await Task.Delay(1500);
        await page.EvaluateAsync<int>("(document.getElementById('section-contour').scrollIntoView(), 0)");
        await page.ScreenshotAsync(Path.Combine(output, "dashboard-finished.png"), fullPage: false);
        Assert.Empty(page.Errors);
    }
}
