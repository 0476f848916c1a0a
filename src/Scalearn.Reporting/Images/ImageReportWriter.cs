using Scalearn.Reporting.Figures;

namespace Scalearn.Reporting.Images;

/// <summary>Writes every figure of a report as a PNG or SVG file named after the figure (history-trial.png, importance.svg, ...).</summary>
public static class ImageReportWriter
{
    public const int Width = 1000;
    public const int Height = 600;

    public static IReadOnlyList<string> Write(ReportDocument document, string folder, ReportFormat format)
    {
        if (format == ReportFormat.Html) throw new ArgumentException("Images are png or svg; html is written by HtmlReportWriter.", nameof(format));
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var figure in document.Figures)
        {
            var plot = FigurePlotter.Draw(figure);
            var (width, height) = Size(figure);
            string path = Path.Combine(folder, figure.Id + (format == ReportFormat.Png ? ".png" : ".svg"));
            if (format == ReportFormat.Png) plot.SavePng(path, width, height);
            else plot.SaveSvg(path, width, height);
            files.Add(path);
        }
        return files;
    }

    private static (int Width, int Height) Size(Figure figure) => figure switch
    {
        BarFigure { Horizontal: true } b => (Width, Math.Max(360, 90 + 28 * b.Categories.Count)),
        ParallelFigure p => (Math.Max(Width, 180 * p.Axes.Count), Height),
        FoldFigure => (Width + 200, Height),
        _ => (Width, Height),
    };
}
