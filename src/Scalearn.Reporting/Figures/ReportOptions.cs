namespace Scalearn.Reporting.Figures;

/// <summary>Limits that keep a large search readable and fast to draw; each figure that hits one says so.</summary>
public sealed record ReportOptions
{
    public string? Title { get; init; }
    /// <summary>Parallel-coordinate lines drawn at most (evenly spread over the score ranking, the best included).</summary>
    public int MaxParallelLines { get; init; } = 1000;
    public int FoldCandidates { get; init; } = 40;
    public int TopRows { get; init; } = 100;
    public int WorstGroups { get; init; } = 20;
    public int GroupRows { get; init; } = 500;
    /// <summary>Cells per numeric axis of the contour.</summary>
    public int ContourResolution { get; init; } = 40;
    public int Seed { get; init; }
    public DateTimeOffset? Generated { get; init; }
}
