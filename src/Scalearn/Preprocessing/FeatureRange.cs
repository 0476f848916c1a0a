using Scalearn.Estimators;

namespace Scalearn.Preprocessing;

/// <summary>MinMaxScaler's feature_range: the [min, max] interval the data is scaled to; min must be below max.</summary>
public readonly record struct FeatureRange : IParamValue<FeatureRange>
{
    public FeatureRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min >= max)
            throw new ParameterException("feature_range",
                $"Parameter 'feature_range' must be a [min, max] pair of finite numbers with min < max; got [{ParamConverter.Format(min)}, {ParamConverter.Format(max)}].");
        Min = min;
        Max = max;
    }

    public double Min { get; }
    public double Max { get; }

    /// <summary><c>FeatureRange = (-1, 1)</c>.</summary>
    public static implicit operator FeatureRange((double Min, double Max) range) => new(range.Min, range.Max);

    public object? ToRaw() => new object?[] { Min, Max };

    public static FeatureRange FromRaw(object? raw, string parameter)
    {
        if (raw is System.Collections.IEnumerable list and not string)
        {
            var items = list.Cast<object?>().ToArray();
            if (items.Length == 2 && items[0] is not null && items[1] is not null)
                return new FeatureRange(ParamConverter.ToDouble(items[0]!, parameter), ParamConverter.ToDouble(items[1]!, parameter));
        }
        throw ParamConverter.Wrong(parameter, raw, "a [min, max] pair of numbers with min < max");
    }

    public override string ToString() => $"[{ParamConverter.Format(Min)}, {ParamConverter.Format(Max)}]";
}
