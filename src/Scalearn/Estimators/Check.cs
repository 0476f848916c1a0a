namespace Scalearn.Estimators;

/// <summary>Range checks for property setters; each error names the parameter and the allowed values.</summary>
public static class Check
{
    public static int AtLeast(int value, int min, string parameter) =>
        value >= min ? value : throw new ParameterException(parameter, $"Parameter '{parameter}' must be an integer >= {min}; got {value}.");

    public static int? AtLeastOrNull(int? value, int min, string parameter) =>
        value is null || value >= min ? value : throw new ParameterException(parameter, $"Parameter '{parameter}' must be an integer >= {min} or null; got {value}.");

    public static double Positive(double value, string parameter) =>
        value > 0 && double.IsFinite(value) ? value : throw new ParameterException(parameter, $"Parameter '{parameter}' must be a finite number > 0; got {ParamConverter.Format(value)}.");

    public static double NonNegative(double value, string parameter) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ParameterException(parameter, $"Parameter '{parameter}' must be a finite number >= 0; got {ParamConverter.Format(value)}.");

    public static double InRange(double value, double min, double max, string parameter, bool minInclusive = true, bool maxInclusive = true)
    {
        bool ok = (minInclusive ? value >= min : value > min) && (maxInclusive ? value <= max : value < max);
        return ok ? value : throw new ParameterException(parameter,
            $"Parameter '{parameter}' must be in {(minInclusive ? "[" : "(")}{ParamConverter.Format(min)}, {ParamConverter.Format(max)}{(maxInclusive ? "]" : ")")}; got {ParamConverter.Format(value)}.");
    }

    public static string OneOf(string value, string parameter, params string[] allowed) =>
        allowed.Contains(value, StringComparer.OrdinalIgnoreCase) ? value.ToLowerInvariant()
            : throw new ParameterException(parameter, $"Parameter '{parameter}' must be one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}; got '{value}'.");
}
