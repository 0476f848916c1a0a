namespace Scalearn.Reporting.Analysis;

/// <summary>
/// One searched parameter as the report sees it: its scale, its categories (for categorical ones, in a natural order:
/// None, then numbers ascending, then the rest as first seen) and its observed range in encoded units.
/// </summary>
public sealed class ParamAxis
{
    private readonly Dictionary<string, int> _categoryIndex;

    private ParamAxis(string name, ParamScale scale, IReadOnlyList<string> categories, double min, double max)
    {
        Name = name;
        Scale = scale;
        Categories = categories;
        Min = min;
        Max = max;
        _categoryIndex = categories.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    }

    public string Name { get; }
    public ParamScale Scale { get; }
    public IReadOnlyList<string> Categories { get; }
    /// <summary>Smallest and largest encoded value (log10 for a log scale, the ordinal range for categories).</summary>
    public double Min { get; }
    public double Max { get; }
    public bool Varies => Max > Min;
    public bool IsCategorical => Scale == ParamScale.Categorical;

    /// <summary>The cell the importance forest gives this parameter: a category spans its ordinal +- 0.5.</summary>
    public (double Lo, double Hi) Bounds => IsCategorical ? (-0.5, Categories.Count - 0.5) : (Min, Max);

    /// <summary>The value in encoded units; a value missing from a candidate (several grids) is the category "None".</summary>
    public double Encode(object? value) => Scale switch
    {
        ParamScale.Categorical => _categoryIndex[ParamLabel.Of(value)],
        ParamScale.Log => Math.Log10(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The value on the drawn axis: the number itself, or the category's ordinal.</summary>
    public double Plot(object? value) => Scale == ParamScale.Log ? Math.Pow(10, Encode(value)) : Encode(value);

    /// <summary>An encoded value back on the drawn axis.</summary>
    public double Decode(double encoded) => Scale == ParamScale.Log ? Math.Pow(10, encoded) : encoded;

    public static ParamAxis Of(string name, IEnumerable<object?> values)
    {
        var list = values.ToList();
        if (list.Count > 0 && list.All(v => v is double or long or int && double.IsFinite(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture))))
        {
            var numbers = list.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            double min = numbers.Min(), max = numbers.Max();
            bool log = min > 0 && max / min >= 100;
            return log ? new ParamAxis(name, ParamScale.Log, [], Math.Log10(min), Math.Log10(max)) : new ParamAxis(name, ParamScale.Linear, [], min, max);
        }
        var categories = list.Select(v => (Value: v, Label: ParamLabel.Of(v))).DistinctBy(p => p.Label)
            .Select((p, firstSeen) => (p.Value, p.Label, firstSeen))
            .OrderBy(p => p.Value switch { null => 0, double or long or int => 1, bool => 2, _ => 3 })
            .ThenBy(p => p.Value is double or long or int ? Convert.ToDouble(p.Value, System.Globalization.CultureInfo.InvariantCulture) : 0)
            .ThenBy(p => p.firstSeen)
            .Select(p => p.Label).ToArray();
        return new ParamAxis(name, ParamScale.Categorical, categories, 0, categories.Length - 1);
    }

    public static IReadOnlyList<ParamAxis> Of(IReadOnlyList<Model.Trial> trials, IEnumerable<string> names) =>
        names.Select(n => Of(n, trials.Select(t => t.Params.GetValueOrDefault(n)))).ToArray();
}
