namespace Scalearn.Reporting;

/// <summary>What `scalearn report` writes: one HTML file, or one image per figure.</summary>
public enum ReportFormat
{
    Html,
    Png,
    Svg,
}
