using Scalearn.Estimators;

namespace Scalearn.Trees;

/// <summary>
/// scikit-learn's max_features: null (all features), an integer count, a fraction in (0, 1], "sqrt", "log2" or the
/// deprecated "auto" (sqrt for classifiers, all features for regressors, as in scikit-learn 1.2).
/// </summary>
public sealed record MaxFeatures : IParamValue<MaxFeatures>
{
    private const string Allowed = "an integer >= 1, a fraction in (0, 1], 'sqrt', 'log2', 'auto' or null";

    private MaxFeatures(string kind, int count, double fraction)
    {
        Kind = kind;
        Count = count;
        Fraction = fraction;
    }

    /// <summary>"all", "count", "fraction", "sqrt", "log2" or "auto".</summary>
    public string Kind { get; }
    public int Count { get; }
    public double Fraction { get; }

    public static MaxFeatures All { get; } = new("all", 0, 0);
    public static MaxFeatures Sqrt { get; } = new("sqrt", 0, 0);
    public static MaxFeatures Log2 { get; } = new("log2", 0, 0);
    public static MaxFeatures Auto { get; } = new("auto", 0, 0);

    /// <summary><c>MaxFeatures = 3</c>: that many features per split.</summary>
    public static implicit operator MaxFeatures(int count) => Of(count);

    /// <summary><c>MaxFeatures = 0.5</c>: that fraction of the features per split.</summary>
    public static implicit operator MaxFeatures(double fraction) => OfFraction(fraction);

    /// <summary><c>MaxFeatures = "sqrt"</c> (or "log2", "auto"; null for all features).</summary>
    public static implicit operator MaxFeatures(string? keyword) => FromRaw(keyword, "max_features");

    public static MaxFeatures Of(int count, string parameter = "max_features") =>
        count >= 1 ? new("count", count, 0) : throw new ParameterException(parameter, $"Parameter '{parameter}' must be {Allowed}; got {count}.");

    public static MaxFeatures OfFraction(double fraction, string parameter = "max_features") =>
        fraction > 0 && fraction <= 1 ? new("fraction", 0, fraction)
            : throw new ParameterException(parameter, $"Parameter '{parameter}' must be {Allowed}; got {ParamConverter.Format(fraction)}.");

    public object? ToRaw() => Kind switch
    {
        "all" => null,
        "count" => (long)Count,
        "fraction" => Fraction,
        _ => Kind,
    };

    public static MaxFeatures FromRaw(object? raw, string parameter) => raw switch
    {
        null => All,
        MaxFeatures m => m,
        int i => Of(i, parameter),
        long l => l is >= 1 and <= int.MaxValue ? Of((int)l, parameter) : throw ParamConverter.Wrong(parameter, raw, Allowed),
        double d => OfFraction(d, parameter),
        string s when s.Equals("sqrt", StringComparison.OrdinalIgnoreCase) => Sqrt,
        string s when s.Equals("log2", StringComparison.OrdinalIgnoreCase) => Log2,
        string s when s.Equals("auto", StringComparison.OrdinalIgnoreCase) => Auto,
        _ => throw ParamConverter.Wrong(parameter, raw, Allowed),
    };

    /// <summary>The number of features drawn per split, as scikit-learn computes it.</summary>
    public int Resolve(int featureCount, bool classifier)
    {
        int n = Kind switch
        {
            "all" => featureCount,
            "count" => Count,
            "fraction" => Math.Max(1, (int)(Fraction * featureCount)),
            "sqrt" => Math.Max(1, (int)Math.Sqrt(featureCount)),
            "log2" => Math.Max(1, (int)Math.Log2(featureCount)),
            _ => classifier ? Math.Max(1, (int)Math.Sqrt(featureCount)) : featureCount,
        };
        if (n > featureCount)
            throw new ParameterException("max_features", $"Parameter 'max_features' must be in (0, n_features={featureCount}]; got {n}.");
        return n;
    }

    public override string ToString() => ParamConverter.Format(ToRaw());
}
