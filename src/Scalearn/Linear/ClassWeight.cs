using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>
/// scikit-learn's class_weight: null (all classes weigh 1), "balanced" (n_samples / (n_classes * count(class))) or a
/// map from label to weight (labels not in the map weigh 1).
/// </summary>
public readonly record struct ClassWeight : IParamValue<ClassWeight>
{
    private const string Allowed = "null, 'balanced' or a map from class label to weight";

    private ClassWeight(bool balanced, IReadOnlyDictionary<double, double>? weights)
    {
        IsBalanced = balanced;
        Weights = weights;
    }

    public static ClassWeight Uniform => default;
    public static ClassWeight Balanced => new(true, null);

    public static ClassWeight Of(IReadOnlyDictionary<double, double> weights) => new(false, new Dictionary<double, double>(weights));

    public bool IsBalanced { get; }
    public IReadOnlyDictionary<double, double>? Weights { get; }
    public bool IsUniform => !IsBalanced && Weights is null;

    public object? ToRaw() =>
        IsBalanced ? "balanced"
        : Weights is null ? null
        : Weights.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString("R", CultureInfo.InvariantCulture), kv => (object?)kv.Value) as IReadOnlyDictionary<string, object?>;

    public static ClassWeight FromRaw(object? raw, string parameter)
    {
        switch (raw)
        {
            case null: return Uniform;
            case string s when s.Equals("balanced", StringComparison.OrdinalIgnoreCase): return Balanced;
            case IReadOnlyDictionary<string, object?> map:
                var weights = new Dictionary<double, double>();
                foreach (var (key, value) in map)
                {
                    if (!double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out double label))
                        throw new ParameterException(parameter, $"Parameter '{parameter}' must be {Allowed}; the key '{key}' is not a numeric class label.");
                    double weight = value is null ? double.NaN : ParamConverter.ToDouble(value, parameter);
                    if (!(weight >= 0) || !double.IsFinite(weight))
                        throw new ParameterException(parameter, $"Parameter '{parameter}': the weight of class {key} must be a finite number >= 0; got {ParamConverter.Format(value)}.");
                    weights[label] = weight;
                }
                return new ClassWeight(false, weights);
            default:
                throw ParamConverter.Wrong(parameter, raw, Allowed);
        }
    }

    /// <summary>The weight of each class (scikit-learn's compute_class_weight); <paramref name="classIndex"/> holds each row's class.</summary>
    public double[] Resolve(IReadOnlyList<double> classes, ReadOnlySpan<int> classIndex, string parameter = "class_weight")
    {
        var result = new double[classes.Count];
        Array.Fill(result, 1.0);
        if (IsBalanced)
        {
            var counts = new int[classes.Count];
            foreach (int k in classIndex) counts[k]++;
            for (int k = 0; k < counts.Length; k++)
                result[k] = counts[k] == 0 ? 1.0 : (double)classIndex.Length / (classes.Count * counts[k]);
        }
        else if (Weights is not null)
        {
            foreach (var (label, weight) in Weights)
            {
                int k = classes.ToList().IndexOf(label);
                if (k < 0)
                    throw new ParameterException(parameter, $"Parameter '{parameter}' names class {ParamConverter.Format(label)}, which is not among the classes [{string.Join(", ", classes.Select(c => ParamConverter.Format(c)))}].");
                result[k] = weight;
            }
        }
        return result;
    }

    public bool Equals(ClassWeight other) =>
        IsBalanced == other.IsBalanced
        && (Weights is null ? other.Weights is null
            : other.Weights is not null && Weights.Count == other.Weights.Count && Weights.All(kv => other.Weights.TryGetValue(kv.Key, out var w) && w == kv.Value));

    public override int GetHashCode() => HashCode.Combine(IsBalanced, Weights?.Count ?? -1);
}
