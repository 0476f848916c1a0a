using ScottPlot;
using Scalearn.Reporting.Analysis;
using Scalearn.Reporting.Figures;

namespace Scalearn.Reporting.Images;

/// <summary>
/// Places an <see cref="AxisSpec"/> on a ScottPlot axis: log axes are drawn in log10 units with decade labels,
/// category axes at the categories' ordinals with their names.
/// </summary>
internal sealed class PlotAxis(AxisSpec spec)
{
    public AxisSpec Spec { get; } = spec;

    public double Map(double value) => Spec.Type == AxisSpec.Log ? Math.Log10(value) : value;

    public void Apply(IAxis axis)
    {
        axis.Label.Text = Spec.Label;
        if (Spec.Type == AxisSpec.Category && Spec.Categories is { } categories)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int i = 0; i < categories.Count; i++) ticks.AddMajor(i, categories[i]);
            axis.TickGenerator = ticks;
        }
        else if (Spec.Type == AxisSpec.Log)
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => ParamLabel.Number(Math.Pow(10, v)) };
        }
    }

    /// <summary>Category axes span their bands exactly; others keep ScottPlot's automatic limits.</summary>
    public void Limit(Plot plot, bool horizontal)
    {
        if (Spec.Type != AxisSpec.Category || Spec.Categories is not { } categories) return;
        if (horizontal) plot.Axes.SetLimitsX(-0.5, categories.Count - 0.5);
        else plot.Axes.SetLimitsY(-0.5, categories.Count - 0.5);
    }

    /// <summary>Horizontal position of a category point, spread a little so equal points do not hide each other.</summary>
    public double Jitter(double value, int seed) =>
        Spec.Type == AxisSpec.Category ? value + ((seed * 2654435761u % 1000) / 1000.0 - 0.5) * 0.3 : Map(value);
}
