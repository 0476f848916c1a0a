namespace Scalearn.Reporting.Figures;

/// <summary>An axis of a figure: "value", "log" or "category" (then points hold the category's ordinal).</summary>
public sealed record AxisSpec(string Label, string Type = AxisSpec.Value, IReadOnlyList<string>? Categories = null)
{
    public const string Value = "value";
    public const string Log = "log";
    public const string Category = "category";

    public static AxisSpec For(Analysis.ParamAxis axis) => axis.Scale switch
    {
        Analysis.ParamScale.Categorical => new AxisSpec(axis.Name, Category, axis.Categories),
        Analysis.ParamScale.Log => new AxisSpec(axis.Name, Log),
        _ => new AxisSpec(axis.Name),
    };

    /// <summary>A log axis when positive values spread over two decades or more.</summary>
    public static AxisSpec ForNumbers(string label, IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        bool log = finite.Length > 1 && finite.Min() > 0 && finite.Max() / finite.Min() >= 100;
        return new AxisSpec(label, log ? Log : Value);
    }
}
