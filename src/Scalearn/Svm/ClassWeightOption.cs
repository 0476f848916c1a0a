using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.Svm;

/// <summary>
/// scikit-learn's class_weight: null (every class weighs 1), "balanced" (n_samples / (n_classes * class count)) or a
/// map from class label to weight (classes left out weigh 1). A class's weight multiplies C.
/// </summary>
public sealed class ClassWeightOption : IParamValue<ClassWeightOption>, IEquatable<ClassWeightOption>
{
    private const string Allowed = "null, 'balanced' or a map from class label to a weight >= 0";

    private ClassWeightOption(bool balanced, IReadOnlyDictionary<double, double>? weights)
    {
        IsBalanced = balanced;
        Weights = weights;
    }

    public static ClassWeightOption None { get; } = new(false, null);
    public static ClassWeightOption Balanced { get; } = new(true, null);

    public bool IsBalanced { get; }

    /// <summary>Explicit weights by class label, or null.</summary>
    public IReadOnlyDictionary<double, double>? Weights { get; }

    public static ClassWeightOption Of(IReadOnlyDictionary<double, double> weights)
    {
        foreach (var (label, w) in weights)
            if (!(w >= 0) || !double.IsFinite(w))
                throw new ParameterException("class_weight", $"Parameter 'class_weight' must be {Allowed}; class {ParamConverter.Format(label)} has weight {ParamConverter.Format(w)}.");
        return new ClassWeightOption(false, new Dictionary<double, double>(weights));
    }

    public static ClassWeightOption FromRaw(object? raw, string parameter)
    {
        switch (raw)
        {
            case null: return None;
            case string s when s.Equals("balanced", StringComparison.OrdinalIgnoreCase): return Balanced;
            case IReadOnlyDictionary<string, object?> map:
                var weights = new Dictionary<double, double>();
                foreach (var (key, value) in map)
                {
                    if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var label))
                        throw new ParameterException(parameter, $"Parameter '{parameter}' must be {Allowed}; key '{key}' is not a numeric class label.");
                    weights[label] = value is null ? throw ParamConverter.Wrong(parameter, value, Allowed) : ParamConverter.ToDouble(value, parameter);
                }
                return Of(weights);
            default: throw ParamConverter.Wrong(parameter, raw, Allowed);
        }
    }

    public object? ToRaw()
    {
        if (IsBalanced) return "balanced";
        if (Weights is null) return null;
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (label, w) in Weights) map[label.ToString("R", CultureInfo.InvariantCulture)] = w;
        return (IReadOnlyDictionary<string, object?>)map;
    }

    /// <summary>Weight per class (aligned with sorted <paramref name="classes"/>) given the class counts.</summary>
    public double[] Resolve(double[] classes, int[] counts)
    {
        var result = new double[classes.Length];
        int total = counts.Sum();
        for (int c = 0; c < classes.Length; c++)
            result[c] = IsBalanced ? (double)total / (classes.Length * counts[c]) : 1.0;
        if (Weights is not null)
        {
            foreach (var (label, w) in Weights)
            {
                int c = Array.BinarySearch(classes, label);
                if (c < 0)
                    throw new ParameterException("class_weight",
                        $"Parameter 'class_weight' names class {ParamConverter.Format(label)}, which is not in the target; classes: {string.Join(", ", classes.Select(k => ParamConverter.Format(k)))}.");
                result[c] = w;
            }
        }
        return result;
    }

    public bool Equals(ClassWeightOption? other) =>
        other is not null && IsBalanced == other.IsBalanced
        && (Weights is null ? other.Weights is null
            : other.Weights is not null && Weights.Count == other.Weights.Count && Weights.All(kv => other.Weights.TryGetValue(kv.Key, out var w) && w.Equals(kv.Value)));

    public override bool Equals(object? obj) => Equals(obj as ClassWeightOption);
    public override int GetHashCode() => HashCode.Combine(IsBalanced, Weights?.Count ?? -1);
    public override string ToString() => IsBalanced ? "balanced" : Weights is null ? "null" : string.Join(",", Weights.Select(kv => $"{kv.Key}:{kv.Value}"));
}
