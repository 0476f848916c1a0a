using Scalearn.Estimators;

namespace Scalearn.Trees;

/// <summary>
/// A sample count given either as an integer or as a fraction of the training rows (min_samples_split,
/// min_samples_leaf, max_samples). The owning property checks the parameter-specific range.
/// </summary>
public sealed record CountOrFraction : IParamValue<CountOrFraction>
{
    private CountOrFraction(bool isFraction, int count, double fraction)
    {
        IsFraction = isFraction;
        Count = count;
        Fraction = fraction;
    }

    public bool IsFraction { get; }
    public int Count { get; }
    public double Fraction { get; }

    public static CountOrFraction Of(int count) => new(false, count, 0);
    public static CountOrFraction OfFraction(double fraction) => new(true, 0, fraction);

    public static implicit operator CountOrFraction(int count) => Of(count);
    public static implicit operator CountOrFraction(double fraction) => OfFraction(fraction);

    public object? ToRaw() => IsFraction ? Fraction : (object)(long)Count;

    public static CountOrFraction FromRaw(object? raw, string parameter) => raw switch
    {
        null => null!,
        CountOrFraction c => c,
        int i => Of(i),
        long l => l is >= int.MinValue and <= int.MaxValue ? Of((int)l) : throw ParamConverter.Wrong(parameter, raw, "an integer or a fraction"),
        double d => OfFraction(d),
        string s when long.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) => FromRaw(l, parameter),
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => OfFraction(d),
        _ => throw ParamConverter.Wrong(parameter, raw, "an integer or a fraction"),
    };

    /// <summary>Checks the range: integer >= <paramref name="minCount"/> or fraction in (0, 1] ((0, 1) when the upper end is excluded).</summary>
    public static CountOrFraction? Validate(CountOrFraction? value, string parameter, int minCount, bool allowNull, bool fractionIncludesOne)
    {
        string allowed = $"an integer >= {minCount} or a fraction in (0, 1{(fractionIncludesOne ? "]" : ")")}{(allowNull ? " or null" : "")}";
        if (value is null)
            return allowNull ? null : throw new ParameterException(parameter, $"Parameter '{parameter}' must be {allowed}; got null.");
        bool ok = value.IsFraction
            ? value.Fraction > 0 && (fractionIncludesOne ? value.Fraction <= 1 : value.Fraction < 1)
            : value.Count >= minCount;
        return ok ? value : throw new ParameterException(parameter, $"Parameter '{parameter}' must be {allowed}; got {ParamConverter.Format(value.ToRaw())}.");
    }

    public override string ToString() => ParamConverter.Format(ToRaw());
}
