using System.Text.RegularExpressions;
using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Html;
using Scalearn.Reporting.Images;
using Scalearn.Reporting.Readers;
using SkiaSharp;

namespace Scalearn.Reporting.Tests.Writers;

public sealed class WriterTests
{
    [Fact]
    public void The_html_report_is_one_file_that_loads_nothing_from_outside()
    {
        var path = Path.Combine(Fixture.TempDir(), "report.html");
        HtmlReportWriter.Write(ReportBuilder.Build(ReportInputs.Load(Fixture.Path("digits"))), path);
        var html = File.ReadAllText(path);
        var markup = Regex.Replace(html, "(<script[^>]*>).*?</script>", "$1</script>", RegexOptions.Singleline);
        Assert.DoesNotMatch(new Regex("<script[^>]+src=|<link[^>]+href=|<img[^>]+src=|<iframe|url\\(", RegexOptions.IgnoreCase), markup);
        Assert.Equal(5, Regex.Matches(markup, "<script").Count);   // data, ECharts, charts, tables, report
        Assert.Contains("Apache ECharts 6.1.0 | Apache License 2.0", html);
        Assert.Contains("version:\"6.1.0\"", html);
        Assert.Contains("<table class=\"sortable\" id=\"top-table\">", html);
        // The figures' JSON cannot close its script tag early.
        var data = html[html.IndexOf("id=\"report-data\">", StringComparison.Ordinal)..];
        Assert.DoesNotContain("</script", data[..data.IndexOf("</script>", StringComparison.Ordinal)][1..]);
        Assert.Contains("Apache License", PageAssets.EChartsLicense);
    }

    [Fact]
    public void Text_from_the_inputs_is_escaped()
    {
        var dir = Fixture.TempDir();
        File.WriteAllText(Path.Combine(dir, "groups.csv"), "group,rows,score,params,fit_seconds,status,error\n<script>alert(1)</script>,5,0.5,{},0.1,ok,\n");
        var path = Path.Combine(dir, "report.html");
        HtmlReportWriter.Write(ReportBuilder.Build(ReportInputs.Load(dir)), path);
        var html = File.ReadAllText(path);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)", html);
    }

    [Theory]
    [InlineData(ReportFormat.Png)]
    [InlineData(ReportFormat.Svg)]
    public void Images_are_written_one_per_figure_and_are_not_blank(ReportFormat format)
    {
        var doc = ReportBuilder.Build(ReportInputs.Load(Fixture.Path("halving")));
        var folder = Fixture.TempDir();
        var files = ImageReportWriter.Write(doc, folder, format);
        Assert.Equal(doc.Figures.Select(f => f.Id + "." + format.ToString().ToLowerInvariant()).Order(), files.Select(Path.GetFileName).Order());
        foreach (var file in files)
        {
            if (format == ReportFormat.Svg)
            {
                var svg = File.ReadAllText(file);
                Assert.StartsWith("<?xml", svg);
                Assert.Contains("<svg", svg);
                Assert.Contains("<path", svg);
                continue;
            }
            using var bitmap = SKBitmap.Decode(file);
            Assert.True(bitmap.Width >= 1000 && bitmap.Height >= 360, $"{file}: {bitmap.Width}x{bitmap.Height}");
            var colors = new HashSet<SKColor>();
            for (int y = 0; y < bitmap.Height; y += 7)
                for (int x = 0; x < bitmap.Width; x += 7) colors.Add(bitmap.GetPixel(x, y));
            Assert.True(colors.Count > 10, $"{file} looks blank: {colors.Count} colors");
        }
    }

    [Fact]
    public void Html_is_not_an_image_format()
    {
        var doc = ReportBuilder.Build(ReportInputs.Load(Fixture.Path("digits")));
        Assert.Throws<ArgumentException>(() => ImageReportWriter.Write(doc, Fixture.TempDir(), ReportFormat.Html));
    }
}
