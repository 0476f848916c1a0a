using System.Globalization;

namespace Scalearn.ModelSelection;

/// <summary>
/// The time of each row, for <see cref="TimeColumnSplit"/>: plain numbers (a year, a step index, ...) or dates/times,
/// kept as seconds since 1970-01-01T00:00:00Z.
/// </summary>
public sealed class TimeValues
{
    private TimeValues(string name, double[] values, bool isDateTime)
    {
        Name = name;
        Values = values;
        IsDateTime = isDateTime;
    }

    public string Name { get; }
    public IReadOnlyList<double> Values { get; }
    /// <summary>True when the values are dates/times (seconds since the Unix epoch), so lengths need a unit.</summary>
    public bool IsDateTime { get; }
    public int Length => Values.Count;

    public static TimeValues Numeric(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Time column '{name}', row {i + 1}: {values[i]} is not a finite number.");
        return new TimeValues(name, values.ToArray(), false);
    }

    public static TimeValues DateTimes(string name, IReadOnlyList<DateTimeOffset> values) =>
        new(name, values.Select(v => (v - DateTimeOffset.UnixEpoch).TotalSeconds).ToArray(), true);

    /// <summary>ISO 8601 dates or date-times (<c>2024-03-01</c>, <c>2024-03-01T12:30:00</c>, <c>2024-03-01 12:30+02:00</c>); no offset means UTC.</summary>
    public static TimeValues Parse(string name, IReadOnlyList<string> text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new DateTimeOffset[text.Count];
        for (int i = 0; i < text.Count; i++)
        {
            if (!DateTimeOffset.TryParse(text[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out values[i]))
                throw new FormatException($"{(source is null ? "" : source + ": ")}time column '{name}', data row {i + 1}: cannot read '{text[i]}' as a date/time (expected ISO 8601, e.g. 2024-03-01 or 2024-03-01T12:30:00).");
        }
        return DateTimes(name, values);
    }
}
