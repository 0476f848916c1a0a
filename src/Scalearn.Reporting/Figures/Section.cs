namespace Scalearn.Reporting.Figures;

/// <summary>A titled part of the report: a sentence on how to read it, its figures, and maybe a table.</summary>
public sealed record Section(string Id, string Title, string Description, IReadOnlyList<Figure> Figures)
{
    public DataTable? Table { get; init; }
}

/// <summary>A table the page can sort by any column. Cells are numbers (null when missing) or text.</summary>
public sealed record DataTable(string Id, IReadOnlyList<TableColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

public sealed record TableColumn(string Key, string Label, bool Numeric);
