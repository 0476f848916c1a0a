using ScottPlot;
using Scalearn.Reporting.Figures;

namespace Scalearn.Reporting.Images;

/// <summary>Draws one report figure with ScottPlot, the same data and notes the page shows.</summary>
internal static class FigurePlotter
{
    private static readonly Color Point = Color.FromHex("#3b5bdb");
    private static readonly Color Best = Color.FromHex("#e8590c");
    private static readonly Color Range = Color.FromHex("#dbe3fb");
    private static readonly Color Muted = Color.FromHex("#868e96");
    private static readonly IColormap Scores = new ScottPlot.Colormaps.Viridis();
    private const int ColorBins = 12;
    /// <summary>DejaVu Sans ships with Debian's fontconfig; ScottPlot falls back to its default font where it is missing.</summary>
    private const string Font = "DejaVu Sans";

    public static Plot Draw(Figure figure)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(figure.Title, 16);
        switch (figure)
        {
            case ScatterFigure s: Scatter(plot, s); break;
            case BarFigure b: Bars(plot, b); break;
            case ContourFigure c: Contour(plot, c); break;
            case ParallelFigure p: Parallel(plot, p); break;
            case FoldFigure f: Folds(plot, f); break;
            default: throw new ArgumentException($"No image renderer for figure kind {figure.GetType().Name}.", nameof(figure));
        }
        // Notes go under the x axis's label, where they cannot cover data.
        if (figure.Notes.Count > 0)
        {
            plot.Axes.Bottom.Label.Text += "\n\n" + string.Join("\n", figure.Notes.Select(n => Wrap(n, 110)));
            plot.Axes.Bottom.Label.FontSize = 12;
        }
        return plot;
    }

    private static void Scatter(Plot plot, ScatterFigure f)
    {
        var x = new PlotAxis(f.X);
        var y = new PlotAxis(f.Y);
        foreach (var series in f.Series)
        {
            if (series.Style == "points")
            {
                if (series.ColorBy == "trial" && series.Points.Count > 1)
                {
                    double first = series.Points.Min(p => p[2]), last = series.Points.Max(p => p[2]);
                    foreach (var bin in series.Points.GroupBy(p => Bin(p[2], first, last)))
                        Markers(plot, bin.Select(p => x.Jitter(p[0], (int)p[2])).ToArray(), bin.Select(p => y.Map(p[1])).ToArray(),
                            Shade(Point, 0.35 + 0.65 * bin.Key / (ColorBins - 1.0)), series.Points.Count);
                }
                else
                {
                    var m = Markers(plot, series.Points.Select(p => x.Jitter(p[0], (int)p[2])).ToArray(), series.Points.Select(p => y.Map(p[1])).ToArray(),
                        Point, series.Points.Count);
                    m.LegendText = series.Name;
                }
                continue;
            }
            if (series.Points.Count == 0) continue;
            var line = plot.Add.ScatterLine(series.Points.Select(p => x.Map(p[0])).ToArray(), series.Points.Select(p => y.Map(p[1])).ToArray(), Best);
            line.LineWidth = 2;
            if (series.Style == "step") line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = series.Name;
        }
        x.Apply(plot.Axes.Bottom);
        y.Apply(plot.Axes.Left);
        x.Limit(plot, horizontal: true);
        if (f.Series.Count > 1) plot.ShowLegend(Alignment.LowerRight);
    }

    private static ScottPlot.Plottables.Markers Markers(Plot plot, double[] xs, double[] ys, Color color, int total)
    {
        var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, total > 2000 ? 3 : 6, color.WithAlpha(total > 2000 ? 0.5 : 0.85));
        return markers;
    }

    private static void Bars(Plot plot, BarFigure f)
    {
        int n = f.Categories.Count;
        // Horizontal bars read top to bottom in the figure's order, as on the page.
        var bars = f.Values.Select((v, i) => new Bar
        {
            Position = f.Horizontal ? n - 1 - i : i,
            Value = v,
            FillColor = Point,
            LineWidth = 0,
            Label = Analysis.ParamLabel.Number(Math.Round(v, 4)),
        }).ToList();
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = f.Horizontal;
        plottable.ValueLabelStyle.FontSize = 10;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < n; i++) ticks.AddMajor(f.Horizontal ? n - 1 - i : i, f.Categories[i]);
        var categoryAxis = f.Horizontal ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        var valueAxis = f.Horizontal ? (IAxis)plot.Axes.Bottom : plot.Axes.Left;
        categoryAxis.TickGenerator = ticks;
        categoryAxis.Label.Text = f.CategoryLabel;
        valueAxis.Label.Text = f.ValueLabel;
        if (!f.Horizontal && n > 6) plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        if (!f.Horizontal && n > 6) plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Margins(f.Horizontal ? 0.12 : 0.05, f.Horizontal ? 0.05 : 0.12);
    }

    private static void Contour(Plot plot, ContourFigure f)
    {
        var x = new PlotAxis(f.X);
        var y = new PlotAxis(f.Y);
        double zmin = f.Z.SelectMany(r => r).Min(), zmax = f.Z.SelectMany(r => r).Max();
        for (int yi = 0; yi < f.Z.Count; yi++)
            for (int xi = 0; xi < f.Z[yi].Length; xi++)
            {
                var rect = plot.Add.Rectangle(x.Map(f.XEdges[xi]), x.Map(f.XEdges[xi + 1]), y.Map(f.YEdges[yi]), y.Map(f.YEdges[yi + 1]));
                var color = Scores.GetColor(Fraction(f.Z[yi][xi], zmin, zmax));
                rect.FillColor = color;
                rect.LineColor = color;
                rect.LineWidth = 0.5f;
            }
        var points = plot.Add.Markers(f.Points.Select(p => x.Map(p[0])).ToArray(), f.Points.Select(p => y.Map(p[1])).ToArray(), MarkerShape.OpenCircle,
            f.Points.Count > 2000 ? 3 : 6, Colors.White);
        points.LegendText = "trial";
        for (int band = 0; band < 5; band++)
        {
            double lo = zmin + (zmax - zmin) * band / 5, hi = zmin + (zmax - zmin) * (band + 1) / 5;
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{lo:0.####} to {hi:0.####}", FillColor = Scores.GetColor((band + 0.5) / 5) });
        }
        plot.ShowLegend(Alignment.UpperRight);
        x.Apply(plot.Axes.Bottom);
        y.Apply(plot.Axes.Left);
        plot.Axes.SetLimits(x.Map(f.XEdges[0]), x.Map(f.XEdges[^1]), y.Map(f.YEdges[0]), y.Map(f.YEdges[^1]));
    }

    private static void Parallel(Plot plot, ParallelFigure f)
    {
        int axes = f.Axes.Count;
        var scaled = f.Lines.Select(line => Enumerable.Range(0, axes).Select(i => 0.0).ToArray()).ToArray();
        for (int i = 0; i < axes; i++)
        {
            var axis = new PlotAxis(f.Axes[i]);
            var values = f.Lines.Select(l => axis.Map(l[i])).ToArray();
            double lo = f.Axes[i].Type == AxisSpec.Category ? 0 : values.Min();
            double hi = f.Axes[i].Type == AxisSpec.Category ? Math.Max(1, f.Axes[i].Categories!.Count - 1) : values.Max();
            for (int l = 0; l < values.Length; l++) scaled[l][i] = Fraction(values[l], lo, hi);
            var top = plot.Add.Text(Extreme(f.Axes[i], hi), i, 1.0);
            var bottom = plot.Add.Text(Extreme(f.Axes[i], lo), i, 0.0);
            foreach (var t in new[] { top, bottom }) { t.LabelFontSize = 10; t.LabelFontColor = Muted; t.LabelAlignment = Alignment.MiddleLeft; }
            plot.Add.VerticalLine(i, 1, Colors.Gray);
        }
        double smin = f.Lines.Min(l => l[axes - 1]), smax = f.Lines.Max(l => l[axes - 1]);
        var xs = Enumerable.Range(0, axes).Select(i => (double)i).ToArray();
        // Worst first, so the best lines are drawn on top.
        foreach (var (line, s) in scaled.Zip(f.Lines).OrderBy(p => p.Second[axes - 1]))
        {
            var color = Scores.GetColor(Fraction(s[axes - 1], smin, smax)).WithAlpha(f.Lines.Count > 300 ? 0.35 : 0.7);
            var scatter = plot.Add.ScatterLine(xs, line, color);
            scatter.LineWidth = 1;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < axes; i++) ticks.AddMajor(i, f.Axes[i].Label);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.Label.Text = "low to high on each axis";
        plot.Axes.SetLimits(-0.1, axes - 0.6, -0.08, 1.08);
    }

    private static void Folds(Plot plot, FoldFigure f)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < f.Candidates.Count; i++)
        {
            var c = f.Candidates[i];
            var finite = c.Splits.Where(double.IsFinite).ToArray();
            if (finite.Length > 0)
            {
                var bar = plot.Add.Rectangle(i - 0.18, i + 0.18, finite.Min(), finite.Max());
                bar.FillColor = Range;
                bar.LineWidth = 0;
                Markers(plot, finite.Select(_ => (double)i).ToArray(), finite, Point, 0);
            }
            var train = c.Train.Where(double.IsFinite).ToArray();
            if (train.Length > 0) plot.Add.Markers(train.Select(_ => (double)i).ToArray(), train, MarkerShape.OpenCircle, 6, Muted);
            var mean = plot.Add.Line(i - 0.3, c.Mean, i + 0.3, c.Mean);
            mean.LineColor = Best;
            mean.LineWidth = 3;
            ticks.AddMajor(i, c.Label);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        if (f.Candidates.Count > 20) { plot.Axes.Bottom.TickLabelStyle.Rotation = 60; plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft; }
        plot.Axes.Bottom.Label.Text = "candidate (best first)";
        plot.Axes.Left.Label.Text = f.ScoreLabel;
    }

    private static string Extreme(AxisSpec axis, double value) => axis.Type switch
    {
        AxisSpec.Category => axis.Categories![(int)Math.Round(value)],
        AxisSpec.Log => Analysis.ParamLabel.Number(Math.Pow(10, value)),
        _ => Analysis.ParamLabel.Number(value),
    };

    private static int Bin(double value, double lo, double hi) => (int)Math.Round(Fraction(value, lo, hi) * (ColorBins - 1));

    private static double Fraction(double value, double lo, double hi) => hi > lo ? Math.Clamp((value - lo) / (hi - lo), 0, 1) : 0.5;

    private static Color Shade(Color color, double strength) => color.WithAlpha(strength);

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width) { lines.Add(line.ToString()); line.Clear(); }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return string.Join("\n", lines);
    }
}
