using System.Diagnostics;
using PuppeteerSharp;
using Scalearn.Reporting;
using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Html;
using Scalearn.Reporting.Images;
using Scalearn.Reporting.Model;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// `scalearn report` on synthetic random searches of 100 and 10,000 trials (SyntheticSearch, 5 splits): seconds to
/// build and write the HTML report and the PNG plots (median of the repeats, at least 3), and the 10,000-trial
/// report opened in headless Chromium (Debian's /usr/bin/chromium): milliseconds from navigation start until every
/// chart has drawn, as the page measures it. Peer: report_gen_sklearn.py draws Optuna's matplotlib plots of the same searches.
/// </summary>
public sealed class ReportGenWorkload : IWorkload
{
    public string Name => "report_gen";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        int repeats = Math.Max(3, options.Repeats);
        var result = new Dictionary<string, object?>();
        var dir = Path.Combine(Path.GetTempPath(), "scalearn-bench-report-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            string? largest = null;
            foreach (int trials in new[] { 100, 10_000 })
            {
                var record = SyntheticSearch.Create(trials, seed: 0);
                string html = Path.Combine(dir, $"report-{trials}.html");
                HtmlReportWriter.Write(ReportBuilder.Build(record), html); // warm-up: JIT
                result[$"html_{trials}_seconds"] = Median.Of(Enumerable.Range(0, repeats).Select(_ => Time(() => HtmlReportWriter.Write(ReportBuilder.Build(record), html))));
                result[$"html_{trials}_kib"] = Math.Round(new FileInfo(html).Length / 1024.0);
                result[$"png_{trials}_seconds"] = Median.Of(Enumerable.Range(0, repeats).Select(_ =>
                    Time(() => ImageReportWriter.Write(ReportBuilder.Build(record), Path.Combine(dir, $"png-{trials}"), ReportFormat.Png))));
                largest = html;
            }
            result["seconds"] = result["html_10000_seconds"];
            var draws = DrawTimes(largest!, repeats).GetAwaiter().GetResult();
            if (draws is not null)
            {
                result["chromium_10000_draw_ms"] = Math.Round(Median.Of(draws.Select(d => d.Draw)));
                result["chromium_10000_open_ms"] = Math.Round(Median.Of(draws.Select(d => d.Open)));
            }
            else result["chromium"] = "not installed";
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return result;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Per repeat, a fresh page: the page's navigation-to-drawn time, and the driver's wall clock from goto to ready.</summary>
    private static async Task<List<(double Draw, double Open)>?> DrawTimes(string html, int repeats)
    {
        if (!File.Exists("/usr/bin/chromium")) return null;
        var profile = Path.Combine(Path.GetTempPath(), "scalearn-bench-chromium-" + Environment.ProcessId);
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            UserDataDir = profile,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var times = new List<(double, double)>();
        for (int r = 0; r <= repeats; r++)
        {
            await using var page = await browser.NewPageAsync();
            await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
            var watch = Stopwatch.StartNew();
            await page.GoToAsync(new Uri(html).AbsoluteUri);
            await page.WaitForFunctionAsync("() => window.scalearnReport && window.scalearnReport.ready === true", new WaitForFunctionOptions { Timeout = 60_000 });
            double open = watch.Elapsed.TotalMilliseconds;
            double draw = await page.EvaluateExpressionAsync<double>("window.scalearnReport.drawMs");
            if (r > 0) times.Add((draw, open)); // the first load warms Chromium's caches
        }
        await browser.DisposeAsync();
        Directory.Delete(profile, recursive: true);
        return times;
    }
}
