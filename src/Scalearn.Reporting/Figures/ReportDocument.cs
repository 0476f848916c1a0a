namespace Scalearn.Reporting.Figures;

/// <summary>Everything the page and the image writer show: header facts, notes and the sections in order.</summary>
public sealed record ReportDocument(string Title, string Source, string Scorer, DateTimeOffset Generated, IReadOnlyList<SummaryItem> Summary,
    IReadOnlyList<string> Notes, IReadOnlyList<Section> Sections)
{
    public IEnumerable<Figure> Figures => Sections.SelectMany(s => s.Figures);
}

public sealed record SummaryItem(string Label, string Value, string? Detail = null);
