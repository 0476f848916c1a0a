using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Scalearn.Reporting.Figures;

namespace Scalearn.Reporting.Html;

/// <summary>
/// Writes the report as one self-contained HTML file: text and tables as markup (readable without scripts), the
/// figures as JSON that the inlined script draws with the inlined ECharts build. Nothing is fetched when it opens.
/// </summary>
public static class HtmlReportWriter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static void Write(ReportDocument document, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        Write(document, writer);
    }

    public static void Write(ReportDocument document, TextWriter w)
    {
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<meta name=\"generator\" content=\"scalearn report; charts: Apache ECharts {PageAssets.EChartsVersion} (Apache-2.0)\">\n");
        w.Write($"<title>{E(document.Title)} - {E(Path.GetFileName(Path.TrimEndingDirectorySeparator(document.Source)))}</title>\n");
        w.Write("<style>\n");
        w.Write(PageAssets.Style);
        w.Write("</style>\n</head>\n<body>\n");
        Header(document, w);
        w.Write("<main>\n");
        foreach (var section in document.Sections) Section(section, w);
        w.Write("</main>\n<footer>Made by <code>scalearn report</code>. Charts drawn with Apache ECharts ");
        w.Write(PageAssets.EChartsVersion);
        w.Write(" (Apache License 2.0), inlined in this file.</footer>\n");
        w.Write("<script type=\"application/json\" id=\"report-data\">");
        w.Write(ReportJson.Figures(document));
        w.Write("</script>\n<script>\n/*! Apache ECharts ");
        w.Write(PageAssets.EChartsVersion);
        w.Write(" | Apache License 2.0 | https://echarts.apache.org */\n");
        w.Write(PageAssets.ECharts);
        w.Write("\n</script>\n<script>\n");
        w.Write(PageAssets.Charts);
        w.Write("\n</script>\n<script>\n");
        w.Write(PageAssets.Tables);
        w.Write("\n</script>\n<script>\n");
        w.Write(PageAssets.Script);
        w.Write("\n</script>\n</body>\n</html>\n");
    }

    private static void Header(ReportDocument d, TextWriter w)
    {
        w.Write("<header>\n<div class=\"title\"><h1>");
        w.Write(E(d.Title));
        w.Write("</h1>\n<p class=\"source\"><code>");
        w.Write(E(d.Source));
        w.Write($"</code> &middot; scored by <b>{E(d.Scorer)}</b> &middot; generated {d.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</p></div>\n");
        w.Write("<dl class=\"summary\">\n");
        foreach (var item in d.Summary)
        {
            w.Write(item.Value.Length > 24 ? "<div class=\"card wide\"><dt>" : "<div class=\"card\"><dt>");
            w.Write(E(item.Label));
            w.Write("</dt><dd>");
            w.Write(E(item.Value));
            if (item.Detail is not null) w.Write($"<small>{E(item.Detail)}</small>");
            w.Write("</dd></div>\n");
        }
        w.Write("</dl>\n");
        if (d.Notes.Count > 0) Notes(d.Notes, w, "report-notes");
        w.Write("<nav>");
        foreach (var s in d.Sections) w.Write($"<a href=\"#{E(s.Id)}\">{E(s.Title)}</a>");
        w.Write("</nav>\n</header>\n");
    }

    private static void Section(Section s, TextWriter w)
    {
        w.Write($"<section id=\"{E(s.Id)}\">\n<h2>{E(s.Title)}</h2>\n<p class=\"description\">{E(s.Description)}</p>\n");
        if (s.Figures.Count > 0)
        {
            w.Write($"<div class=\"figures figures-{Math.Min(s.Figures.Count, 3)}\">\n");
            foreach (var f in s.Figures)
            {
                w.Write($"<figure><figcaption>{E(f.Title)}</figcaption><div class=\"chart chart-{E(Kind(f))}\" data-figure=\"{E(f.Id)}\" role=\"img\" aria-label=\"{E(f.Title)}\"></div>");
                if (f.Notes.Count > 0) Notes(f.Notes, w, "figure-notes");
                w.Write("</figure>\n");
            }
            w.Write("</div>\n");
        }
        if (s.Table is not null) Table(s.Table, w);
        w.Write("</section>\n");
    }

    private static string Kind(Figure f) => f switch
    {
        ContourFigure => "contour",
        ParallelFigure => "parallel",
        FoldFigure => "folds",
        BarFigure { Horizontal: true } b => b.Categories.Count > 12 ? "bars-tall" : "bars",
        _ => "plot",
    };

    private static void Notes(IReadOnlyList<string> notes, TextWriter w, string cssClass)
    {
        w.Write($"<ul class=\"notes {cssClass}\">");
        foreach (var n in notes) w.Write($"<li>{E(n)}</li>");
        w.Write("</ul>\n");
    }

    private static void Table(DataTable t, TextWriter w)
    {
        w.Write($"<div class=\"table-wrap\"><table class=\"sortable\" id=\"{E(t.Id)}\">\n<thead><tr>");
        foreach (var c in t.Columns)
            w.Write($"<th scope=\"col\" data-key=\"{E(c.Key)}\" data-type=\"{(c.Numeric ? "number" : "text")}\" tabindex=\"0\" aria-sort=\"none\">{E(c.Label)}</th>");
        w.Write("</tr></thead>\n<tbody>\n");
        foreach (var row in t.Rows)
        {
            w.Write("<tr>");
            for (int i = 0; i < row.Length; i++) Cell(row[i], t.Columns[i].Numeric, w);
            w.Write("</tr>\n");
        }
        w.Write("</tbody></table></div>\n");
        if (t.Notes.Count > 0) Notes(t.Notes, w, "table-notes");
    }

    private static void Cell(object? value, bool numeric, TextWriter w)
    {
        switch (value)
        {
            case null: w.Write("<td class=\"missing\" data-v=\"\">&ndash;</td>"); break;
            case double d when numeric:
                w.Write($"<td class=\"num\" data-v=\"{d.ToString("R", CultureInfo.InvariantCulture)}\">{NumberText(d)}</td>"); break;
            case int or long when numeric:
                w.Write($"<td class=\"num\" data-v=\"{Convert.ToString(value, CultureInfo.InvariantCulture)}\">{Convert.ToString(value, CultureInfo.InvariantCulture)}</td>"); break;
            default: w.Write($"<td>{E(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}</td>"); break;
        }
    }

    private static string NumberText(double d) =>
        d != 0 && Math.Abs(d) < 1e-3 ? d.ToString("0.###e+0", CultureInfo.InvariantCulture) : d.ToString("0.####", CultureInfo.InvariantCulture);

    private static string E(string text) => Encoder.Encode(text);
}
