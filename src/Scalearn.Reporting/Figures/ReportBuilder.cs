using Scalearn.Reporting.Model;

namespace Scalearn.Reporting.Figures;

/// <summary>Turns a search record into the report's sections; a section the record has no data for is left out.</summary>
public static class ReportBuilder
{
    public static ReportDocument Build(SearchRecord record, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var c = new ReportContext(record, options);
        var sections = new[]
        {
            c.Record.Trials.Count > 0 && c.Scored.Count > 0 ? HistorySection.Build(c) : null,
            ImportanceSection.Build(c),
            ContourSection.Build(c),
            SliceSection.Build(c),
            ParallelSection.Build(c),
            FoldSection.Build(c),
            FitTimeSection.Build(c),
            RungSection.Build(c),
            GroupSection.Build(c),
            TopTableSection.Build(c),
        }.OfType<Section>().ToArray();
        var notes = record.Notes.ToList();
        if (record.Trials.Count > 0 && c.Scored.Count == 0) notes.Add("No trial has a score: every trial failed or was pruned.");
        string title = options.Title ?? (record.Trials.Count > 0 ? "Search report" : "Per-group fits report");
        return new ReportDocument(title, record.Source, record.Scorer, options.Generated ?? DateTimeOffset.UtcNow, SummarySection.Build(c), notes, sections);
    }
}
