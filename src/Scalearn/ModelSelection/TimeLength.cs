using System.Globalization;
using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>
/// A length of time for <see cref="TimeColumnSplit"/>: a number with a unit (<c>90s</c>, <c>30min</c>, <c>12h</c>,
/// <c>7d</c>, <c>2w</c>) for date/time columns, or a plain number in the units of a numeric time column.
/// </summary>
public readonly record struct TimeLength(double Amount, string? Unit)
{
    private static readonly Dictionary<string, double> Seconds = new()
    {
        ["s"] = 1, ["min"] = 60, ["h"] = 3600, ["d"] = 86400, ["w"] = 604800,
    };

    public const string Forms = "a number with a unit s, min, h, d or w (e.g. 7d, 12h) for a date/time column, or a plain number for a numeric one";

    public static TimeLength Parse(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        int end = 0;
        while (end < t.Length && (char.IsAsciiDigit(t[end]) || t[end] is '.' or 'e' or 'E' or '+' or '-')
               && !(t[end] is 'e' or 'E' && end + 1 < t.Length && char.IsAsciiLetter(t[end + 1]))) end++;
        string number = t[..end], unit = t[end..].Trim().ToLowerInvariant();
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) || !(amount > 0) || !double.IsFinite(amount))
            throw new ParameterException(parameter, $"Parameter '{parameter}' must be a positive length of time, {Forms}; got '{text}'.");
        if (unit.Length > 0 && !Seconds.ContainsKey(unit))
            throw new ParameterException(parameter, $"Parameter '{parameter}': unknown unit '{unit}' in '{text}'; use s, min, h, d or w (months and years vary in length).");
        return new TimeLength(amount, unit.Length > 0 ? unit : null);
    }

    /// <summary>The length in the units of <paramref name="time"/> (seconds for dates/times).</summary>
    internal double In(TimeValues time, string parameter)
    {
        if (time.IsDateTime && Unit is null)
            throw new ParameterException(parameter, $"Parameter '{parameter}' = {this} has no unit, but time column '{time.Name}' holds dates/times; add s, min, h, d or w.");
        if (!time.IsDateTime && Unit is not null)
            throw new ParameterException(parameter, $"Parameter '{parameter}' = {this} has a unit, but time column '{time.Name}' holds plain numbers; give a plain number.");
        return Unit is null ? Amount : Amount * Seconds[Unit];
    }

    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit;
}
