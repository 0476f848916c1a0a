using Scalearn.Reporting.Analysis;

namespace Scalearn.Reporting.Figures;

/// <summary>The score surface over the two most important parameters (the forest's prediction, other parameters averaged out), trials on top.</summary>
internal static class ContourSection
{
    public static Section? Build(ReportContext c)
    {
        if (c.Fanova is null || c.Varying.Count < 2) return null;
        int xi = c.ByImportance[0], yi = c.ByImportance[1];
        var (xAxis, yAxis) = (c.Varying[xi], c.Varying[yi]);
        var (xCenters, xEdges) = Grid(xAxis, c.Options.ContourResolution);
        var (yCenters, yEdges) = Grid(yAxis, c.Options.ContourResolution);
        var surface = c.Fanova.Marginal(xi, xCenters, yi, yCenters);
        var z = Enumerable.Range(0, yCenters.Length).Select(b => Enumerable.Range(0, xCenters.Length).Select(a => surface[a, b]).ToArray()).ToArray();
        var points = c.Scored.Select(t => new[] { xAxis.Plot(t.Params.GetValueOrDefault(xAxis.Name)), yAxis.Plot(t.Params.GetValueOrDefault(yAxis.Name)), t.Value, t.Number }).ToArray();
        var figure = new ContourFigure("contour", $"{xAxis.Name} and {yAxis.Name}", AxisSpec.For(xAxis), AxisSpec.For(yAxis), xEdges, yEdges, z,
            $"predicted {c.ScoreLabel}", points)
        {
            Notes = [$"Colored cells: the importance forest's prediction with every other parameter averaged out, in {(xAxis.IsCategorical ? xAxis.Categories.Count : c.Options.ContourResolution)} x {(yAxis.IsCategorical ? yAxis.Categories.Count : c.Options.ContourResolution)} cells; points: the {ReportContext.Count(points.Length, "scored trial")}."],
        };
        return new Section("contour", "Contour of the two most important parameters", "Where the score is high over the two parameters that matter most.", [figure]);
    }

    /// <summary>Cell centers in encoded units (what the forest reads) and cell edges in axis units (what is drawn).</summary>
    private static (double[] Centers, double[] Edges) Grid(ParamAxis axis, int resolution)
    {
        if (axis.IsCategorical)
        {
            int k = axis.Categories.Count;
            return (Enumerable.Range(0, k).Select(i => (double)i).ToArray(), Enumerable.Range(0, k + 1).Select(i => i - 0.5).ToArray());
        }
        // Cells reach a little past the observed range so trials at its ends are not drawn on the frame; beyond the
        // range the forest is read at the range's end.
        double pad = 0.04 * (axis.Max - axis.Min), lo = axis.Min - pad, step = (axis.Max - axis.Min + 2 * pad) / resolution;
        var centers = Enumerable.Range(0, resolution).Select(i => Math.Clamp(lo + (i + 0.5) * step, axis.Min, axis.Max)).ToArray();
        var edges = Enumerable.Range(0, resolution + 1).Select(i => axis.Decode(lo + i * step)).ToArray();
        return (centers, edges);
    }
}
