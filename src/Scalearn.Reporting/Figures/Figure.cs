using System.Text.Json.Serialization;

namespace Scalearn.Reporting.Figures;

/// <summary>
/// One chart, as data: the page draws it with ECharts, the image writer with ScottPlot. <see cref="Notes"/> say
/// what the reader must know to read it right (what was left out or derived).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ScatterFigure), "scatter")]
[JsonDerivedType(typeof(BarFigure), "bar")]
[JsonDerivedType(typeof(ContourFigure), "contour")]
[JsonDerivedType(typeof(ParallelFigure), "parallel")]
[JsonDerivedType(typeof(FoldFigure), "folds")]
public abstract record Figure(string Id, string Title)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Points and lines on two axes. Each point is [x, y, trial number]; the number links back to the trial table.</summary>
public sealed record ScatterFigure(string Id, string Title, AxisSpec X, AxisSpec Y, IReadOnlyList<PointSeries> Series) : Figure(Id, Title);

/// <param name="Style">"points", "step" (a running best) or "line".</param>
/// <param name="ColorBy">"trial" to shade points from the first trial to the last, null for one color.</param>
public sealed record PointSeries(string Name, string Style, IReadOnlyList<double[]> Points, string? ColorBy = null);

/// <summary>One bar per category; <see cref="Horizontal"/> bars read top to bottom in the given order.</summary>
public sealed record BarFigure(string Id, string Title, IReadOnlyList<string> Categories, IReadOnlyList<double> Values, string ValueLabel,
    string CategoryLabel, bool Horizontal = false) : Figure(Id, Title)
{
    /// <summary>Extra text per bar for tooltips (e.g. the fraction of variance a parameter explains).</summary>
    public IReadOnlyList<string>? Details { get; init; }
}

/// <summary>
/// A surface over two parameters drawn as colored cells (Z[y][x] between the given edges, in axis units; a
/// category's cell spans its ordinal +- 0.5), with the trials on top as [x, y, score].
/// </summary>
public sealed record ContourFigure(string Id, string Title, AxisSpec X, AxisSpec Y, IReadOnlyList<double> XEdges, IReadOnlyList<double> YEdges,
    IReadOnlyList<double[]> Z, string ZLabel, IReadOnlyList<double[]> Points) : Figure(Id, Title);

/// <summary>One polyline per trial across the axes; the last axis is the score. Each line is [v0, ..., score, trial number].</summary>
public sealed record ParallelFigure(string Id, string Title, IReadOnlyList<AxisSpec> Axes, IReadOnlyList<double[]> Lines) : Figure(Id, Title);

/// <summary>Per candidate, its test score on every split and their mean (and train scores when recorded).</summary>
public sealed record FoldFigure(string Id, string Title, string ScoreLabel, IReadOnlyList<FoldCandidate> Candidates) : Figure(Id, Title);

public sealed record FoldCandidate(int Number, string Label, double Mean, IReadOnlyList<double> Splits, IReadOnlyList<double> Train);
