using System.Globalization;
using System.Text.Json;
using Scalearn.Estimators;

namespace Scalearn.Reporting.Readers;

/// <summary>Typed reads of CSV cells: numbers, times and loosely written parameter values.</summary>
internal static class CellText
{
    public static bool TryNumber(string text, out double value)
    {
        var s = text.Trim();
        if (s.Length == 0 || s.Equals("nan", StringComparison.OrdinalIgnoreCase)) { value = double.NaN; return s.Length > 0; }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A parameter value as text: JSON when it parses (numbers, true, null, "quoted", [..], {..}), Python's None/True/False, else the text itself; empty is missing.</summary>
    public static bool TryParam(string text, out object? value)
    {
        var s = text.Trim();
        value = null;
        if (s.Length == 0) return false;
        switch (s)
        {
            case "None": return true;
            case "True": value = true; return true;
            case "False": value = false; return true;
        }
        if (s[0] is '{' or '[' or '"' or '-' or (>= '0' and <= '9') || s is "true" or "false" or "null")
        {
            try
            {
                using var doc = JsonDocument.Parse(s);
                value = RawJson.ToRaw(doc.RootElement);
                return true;
            }
            catch (JsonException) { }
        }
        value = s;
        return true;
    }

    public static bool TryTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    /// <summary>Seconds written as a number or as pandas' Timedelta text ("0 days 00:00:01.250000").</summary>
    public static bool TrySeconds(string text, out double seconds)
    {
        var s = text.Trim();
        if (TryNumber(s, out seconds)) return true;
        int days = 0;
        int mark = s.IndexOf(" days ", StringComparison.Ordinal);
        if (mark < 0) mark = s.IndexOf(" day ", StringComparison.Ordinal);
        if (mark >= 0)
        {
            if (!int.TryParse(s[..mark], NumberStyles.Integer, CultureInfo.InvariantCulture, out days)) return false;
            s = s[(s.IndexOf(' ', mark + 1) + 1)..];
        }
        if (!TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span)) return false;
        seconds = days * 86400.0 + span.TotalSeconds;
        return true;
    }
}
