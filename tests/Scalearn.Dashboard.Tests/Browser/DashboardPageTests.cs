using System.Net;
using Scalearn.Reporting.Tests;
using Scalearn.Reporting.Tests.Browser;
using Scalearn.Reporting.Tests.Journal;

namespace Scalearn.Dashboard.Tests.Browser;

/// <summary>The dashboard in a real headless Chromium: every chart drawn, live updates over server-sent events, the token.</summary>
public sealed class DashboardPageTests(ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>
{
    private const string Root = "scalearnDashboard";

    private Task<ReportPage> OpenAsync(Uri url) => ReportPage.OpenAsync(chromium.Browser, url, Root, 1400, 1000);

    private static void AssertOneMarkEach(ChartDrawing drawn, string series, int expected)
    {
        Assert.Equal(expected, drawn[series].Count);
        Assert.Equal(expected, drawn[series].Drawn);
    }

    [ChromiumFact]
    public async Task A_finished_digits_search_draws_every_chart_with_one_mark_per_trial()
    {
        DashboardHarness.FinishedDigits(out var journal);
        await using var server = await DashboardHarness.StartAsync(journal);
        await using var page = await OpenAsync(DashboardHarness.Local(server, DashboardHarness.IdOf(journal)));
        Assert.Equal(["history-trial", "history-time", "importance", "contour", "slice-n_estimators", "slice-max_depth", "slice-criterion",
            "slice-max_features", "parallel", "folds", "fit-time"], await page.FigureIdsAsync());
        foreach (var id in new[] { "history-trial", "history-time" })
        {
            var history = await page.DrawnAsync(id);
            AssertOneMarkEach(history, "trial", 16);
            Assert.Equal(31, history["best so far"].PathPoints);
        }
        Assert.Equal(4, (await page.DrawnAsync("importance")).Series.Single().Drawn);
        var contour = await page.DrawnAsync("contour");
        AssertOneMarkEach(contour, "predicted mean test score", 40 * 2);
        AssertOneMarkEach(contour, "trial", 16);
        foreach (var slice in new[] { "slice-n_estimators", "slice-max_depth", "slice-criterion", "slice-max_features" })
            AssertOneMarkEach(await page.DrawnAsync(slice), "trial", 16);
        Assert.Equal(16, (await page.DrawnAsync("parallel")).Series.Single().Drawn);
        var folds = await page.DrawnAsync("folds");
        AssertOneMarkEach(folds, "split score", 16 * 3);
        AssertOneMarkEach(folds, "mean", 16);
        AssertOneMarkEach(await page.DrawnAsync("fit-time"), "trial", 16);

        Assert.Equal(16, (await page.ColumnAsync("top-table", "trial")).Length);
        Assert.Equal(16, await page.EvaluateAsync<int>("document.querySelectorAll('#recent-table tbody tr').length"));
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('#inflight-table tbody tr').length"));
        Assert.Equal("completed", await page.EvaluateAsync<string>("document.querySelector('#cards .status').textContent"));
        Assert.Equal("48 / 48 folds", await page.EvaluateAsync<string>("document.querySelectorAll('#cards dd')[1].firstChild.nodeValue"));
        Assert.Contains("worker-a 24", await page.EvaluateAsync<string>("document.getElementById('folds-by-worker').textContent"));
        Assert.Equal(1, await page.EvaluateAsync<int>("document.querySelectorAll('#search-list a[aria-current=\"true\"]').length"));
        Assert.Empty(page.Errors);
    }

    [ChromiumFact]
    public async Task A_trial_that_finishes_after_the_page_loaded_appears_without_a_reload()
    {
        var trials = DashboardHarness.Digits;
        var dir = Fixture.TempDir();
        var path = Path.Combine(dir, "live.db");
        using var journal = new FixtureJournal(path, 3);
        foreach (var t in trials.Take(10)) journal.Run(t);
        journal.Propose(trials[10]);
        journal.Fold(trials[10], 0, worker: "worker-a");

        await using var server = await DashboardHarness.StartAsync(dir);
        // No search in the address: the dashboard opens the running one by itself.
        await using var page = await OpenAsync(DashboardHarness.Local(server));
        await page.WaitForAsync($"window.{Root}.figures['history-trial'] && window.{Root}.figures['history-trial'].series[0].points.length === 10");
        Assert.Equal("running", await page.EvaluateAsync<string>("document.querySelector('#cards .status').textContent"));
        Assert.Equal(["#10"], await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('#inflight-table tbody tr td:first-child')).map(td => td.textContent)"));
        Assert.Equal("1 / 3", await page.EvaluateAsync<string>("document.querySelector('#inflight-table tbody tr td:nth-child(2)').textContent"));
        await page.EvaluateAsync<int>("window.loadedOnce = 1");

        journal.Fold(trials[10], 1, worker: "worker-a");
        journal.Fold(trials[10], 2, worker: "worker-b");
        journal.Score(trials[10]);
        journal.Propose(trials[11]);

        await page.WaitForAsync($"window.{Root}.figures['history-trial'].series[0].points.length === 11");
        await page.WaitForAsync("document.querySelector('#recent-table tbody tr td').textContent === '#10'");
        await page.WaitForAsync("document.querySelector('#inflight-table tbody tr td').textContent === '#11'");
        Assert.Equal(1, await page.EvaluateAsync<int>("window.loadedOnce"));
        await page.WaitForAsync($"window.{Root}.renders >= 2 && window.{Root}.charts['history-trial'].getModel().getSeries()[0].getData().count() === 11");
        var history = await page.DrawnAsync("history-trial");
        AssertOneMarkEach(history, "trial", 11);
        Assert.Equal(12, (await page.ColumnAsync("top-table", "trial")).Length);   // 11 scored, and #11 still running
        Assert.Equal("33 / 36 folds", await page.EvaluateAsync<string>("document.querySelectorAll('#cards dd')[1].firstChild.nodeValue"));

        journal.Status("completed");
        await page.WaitForAsync("document.querySelector('#cards .status').textContent === 'completed'");
        Assert.Empty(page.Errors);
    }

    [ChromiumFact]
    public async Task Off_loopback_the_page_opens_with_its_token_and_keeps_working_on_the_cookie()
    {
        DashboardHarness.FinishedDigits(out var journal);
        const string token = "correct-horse-battery-staple";
        await using var server = await DashboardHarness.StartAsync(journal, token, IPAddress.Any);

        var page = await chromium.Browser.NewPageAsync();
        var refused = await page.GoToAsync(DashboardHarness.Local(server).AbsoluteUri);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        await page.CloseAsync();

        await using var opened = await OpenAsync(DashboardHarness.Local(server, DashboardHarness.IdOf(journal), token));
        // The token left the address bar; the live stream and the charts came through on the session cookie.
        Assert.DoesNotContain("token", await opened.EvaluateAsync<string>("location.href"));
        AssertOneMarkEach(await opened.DrawnAsync("history-trial"), "trial", 16);
        Assert.Empty(opened.Errors);
    }
}
