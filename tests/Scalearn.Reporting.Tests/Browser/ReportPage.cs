using System.Diagnostics;
using System.Text.Json;
using PuppeteerSharp;

namespace Scalearn.Reporting.Tests.Browser;

/// <summary>
/// A report (or the live dashboard) opened in Chromium: console errors seen, what each chart drew, and the tables. The
/// page's state object (window.scalearnReport, window.scalearnDashboard) holds its chart instances by figure id.
/// </summary>
public sealed class ReportPage : IAsyncDisposable
{
    /// <summary>Per series of a chart: its data count and what ECharts actually put on the canvas for it.</summary>
    private const string DrawnScript = """
        (root, id) => {
          const chart = window[root].charts[id];
          if (!chart) return null;
          const result = [];
          chart.getModel().eachSeries((series) => {
            const data = series.getData();
            let items = 0;
            data.each((i) => { const el = data.getItemGraphicEl(i); if (el && !el.ignore && !el.invisible) items++; });
            let pathPoints = 0;
            const view = chart.getViewOfSeriesModel(series);
            view.group.traverse((el) => {
              if (!el.ignore && el.shape && el.shape.points && el.shape.points.length && !data.getItemGraphicEl(0)) pathPoints += el.shape.points.length / 2;
            });
            result.push({ name: series.name, type: series.subType, count: data.count(), items: items, pathPoints: pathPoints });
          });
          return { series: result, displayed: chart.getZr().storage.getDisplayList().length };
        }
        """;

    private readonly IPage _page;
    private readonly List<string> _errors = [];

    private readonly string _root;

    private ReportPage(IPage page, string root)
    {
        _page = page;
        _root = root;
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) lock (_errors) _errors.Add(e.Message.Text); };
        page.PageError += (_, e) => { lock (_errors) _errors.Add(e.Message); };
        page.RequestFailed += (_, e) => { lock (_errors) _errors.Add($"request failed: {e.Request.Url}"); };
    }

    /// <summary>Milliseconds from navigation start to every chart having drawn (the page's own clock).</summary>
    public double DrawMs { get; private set; }
    public double WallMs { get; private set; }

    public IReadOnlyList<string> Errors { get { lock (_errors) return _errors.ToArray(); } }

    public static Task<ReportPage> OpenAsync(IBrowser browser, string htmlPath, int width, int height) =>
        OpenAsync(browser, new Uri(Path.GetFullPath(htmlPath)), "scalearnReport", width, height);

    /// <summary>Opens <paramref name="url"/> and waits until window[<paramref name="root"/>].ready.</summary>
    public static async Task<ReportPage> OpenAsync(IBrowser browser, Uri url, string root, int width, int height)
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        var report = new ReportPage(page, root);
        var watch = Stopwatch.StartNew();
        await page.GoToAsync(url.AbsoluteUri, new NavigationOptions { Timeout = 60_000 });
        await page.WaitForFunctionAsync($"() => window.{root} && window.{root}.ready === true", new WaitForFunctionOptions { Timeout = 60_000 });
        report.WallMs = watch.Elapsed.TotalMilliseconds;
        report.DrawMs = await page.EvaluateExpressionAsync<double>($"window.{root}.drawMs");
        return report;
    }

    public IPage Page => _page;

    /// <summary>Waits until <paramref name="predicate"/> (a JavaScript function body's expression) holds on the page.</summary>
    public Task WaitForAsync(string predicate, int timeoutMs = 30_000) =>
        _page.WaitForFunctionAsync($"() => {predicate}", new WaitForFunctionOptions { Timeout = timeoutMs, PollingInterval = 50 });

    public Task<T> EvaluateAsync<T>(string expression) => _page.EvaluateExpressionAsync<T>(expression);

    public async Task<string[]> FigureIdsAsync() =>
        await _page.EvaluateExpressionAsync<string[]>("Array.from(document.querySelectorAll('[data-figure]')).map(e => e.getAttribute('data-figure'))");

    public async Task<ChartDrawing> DrawnAsync(string figureId)
    {
        var json = await _page.EvaluateFunctionAsync<JsonElement>(DrawnScript, _root, figureId);
        Assert.True(json.ValueKind == JsonValueKind.Object, $"no chart for figure '{figureId}'");
        var series = json.GetProperty("series").EnumerateArray().Select(s => new SeriesDrawing(
            s.GetProperty("name").GetString() ?? "", s.GetProperty("type").GetString() ?? "", s.GetProperty("count").GetInt32(),
            s.GetProperty("items").GetInt32(), (int)s.GetProperty("pathPoints").GetDouble())).ToArray();
        return new ChartDrawing(series, json.GetProperty("displayed").GetInt32());
    }

    public async Task<string[]> ColumnAsync(string tableId, string key) => await _page.EvaluateFunctionAsync<string[]>("""
        (tableId, key) => {
          const table = document.getElementById(tableId);
          const index = Array.from(table.tHead.rows[0].cells).findIndex(th => th.dataset.key === key);
          return Array.from(table.tBodies[0].rows).map(r => r.cells[index].textContent);
        }
        """, tableId, key);

    public async Task ClickHeaderAsync(string tableId, string key) =>
        await _page.ClickAsync($"#{tableId} th[data-key=\"{key}\"]");

    public async Task<string?> AttributeAsync(string selector, string attribute) =>
        await _page.EvaluateFunctionAsync<string?>("(s, a) => document.querySelector(s).getAttribute(a)", selector, attribute);

    public Task ScreenshotAsync(string path, bool fullPage = true) => _page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = fullPage });

    public async ValueTask DisposeAsync() => await _page.CloseAsync();
}

public sealed record SeriesDrawing(string Name, string Type, int Count, int Items, int PathPoints)
{
    /// <summary>Marks drawn one element per data item, or (large mode) as points of one batched path.</summary>
    public int Drawn => Items > 0 ? Items : PathPoints;
}

public sealed record ChartDrawing(IReadOnlyList<SeriesDrawing> Series, int Displayed)
{
    public SeriesDrawing this[string name] => Series.Single(s => s.Name == name);
}
