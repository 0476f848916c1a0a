using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.Svm;

/// <summary>
/// scikit-learn's class_weight: null (every class weighs 1), "balanced" (n_samples / (n_classes * class count)), a
/// map from class label to weight (classes left out weigh 1), or for forests "balanced_subsample" (balanced on each
/// tree's bootstrap sample). SVC multiplies C by a class's weight; trees multiply the rows' weights.
/// </summary>
public sealed class ClassWeightOption : IParamValue<ClassWeightOption>, IEquatable<ClassWeightOption>
{
    private const string Allowed = "null, 'balanced', 'balanced_subsample' (forests) or a map from class label to a weight >= 0";

    private ClassWeightOption(bool balanced, IReadOnlyDictionary<double, double>? weights, bool subsample = false)
    {
        IsBalanced = balanced;
        Weights = weights;
        IsBalancedSubsample = subsample;
    }

    public static ClassWeightOption None { get; } = new(false, null);
    public static ClassWeightOption Balanced { get; } = new(true, null);
    public static ClassWeightOption BalancedSubsample { get; } = new(false, null, true);

    public bool IsBalanced { get; }

    /// <summary>Forests only: "balanced" weights computed on each tree's bootstrap sample.</summary>
    public bool IsBalancedSubsample { get; }

    /// <summary>The option unchanged; refuses "balanced_subsample", which only forests accept.</summary>
    public static ClassWeightOption WithoutSubsample(ClassWeightOption? value, string model) =>
        value is { IsBalancedSubsample: true }
            ? throw new ParameterException("class_weight", $"{model} parameter 'class_weight' must be null, 'balanced' or a map from class label to a weight >= 0; 'balanced_subsample' applies to forests only.")
            : value ?? None;

    /// <summary>Explicit weights by class label, or null.</summary>
    public IReadOnlyDictionary<double, double>? Weights { get; }

    public static ClassWeightOption Of(IReadOnlyDictionary<double, double> weights)
    {
        foreach (var (label, w) in weights)
            if (!(w >= 0) || !double.IsFinite(w))
                throw new ParameterException("class_weight", $"Parameter 'class_weight' must be {Allowed}; class {ParamConverter.Format(label)} has weight {ParamConverter.Format(w)}.");
        return new ClassWeightOption(false, new Dictionary<double, double>(weights));
    }

    /// <summary>"balanced" or "balanced_subsample" from code, as in scikit-learn.</summary>
    public static implicit operator ClassWeightOption(string? value) => FromRaw(value, "class_weight");

    public static ClassWeightOption FromRaw(object? raw, string parameter)
    {
        switch (raw)
        {
            case null: return None;
            case string s when s.Equals("balanced", StringComparison.OrdinalIgnoreCase): return Balanced;
            case string s when s.Equals("balanced_subsample", StringComparison.OrdinalIgnoreCase): return BalancedSubsample;
            case ClassWeightOption option: return option;
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
        if (IsBalancedSubsample) return "balanced_subsample";
        if (Weights is null) return null;
        var map = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (label, w) in Weights) map[label.ToString("R", CultureInfo.InvariantCulture)] = w;
        return (IReadOnlyDictionary<string, object?>)map;
    }

    /// <summary>Weight per class (aligned with sorted <paramref name="classes"/>) given the class counts (ones for "balanced_subsample").</summary>
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
        other is not null && IsBalanced == other.IsBalanced && IsBalancedSubsample == other.IsBalancedSubsample
        && (Weights is null ? other.Weights is null
            : other.Weights is not null && Weights.Count == other.Weights.Count && Weights.All(kv => other.Weights.TryGetValue(kv.Key, out var w) && w.Equals(kv.Value)));

    public override bool Equals(object? obj) => Equals(obj as ClassWeightOption);
    public override int GetHashCode() => HashCode.Combine(IsBalanced, IsBalancedSubsample, Weights?.Count ?? -1);
    public override string ToString() => IsBalanced ? "balanced" : IsBalancedSubsample ? "balanced_subsample" : Weights is null ? "null" : string.Join(",", Weights.Select(kv => $"{kv.Key}:{kv.Value}"));
}
