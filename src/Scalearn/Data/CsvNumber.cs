using System.Globalization;

namespace Scalearn.Data;

/// <summary>Invariant-culture number parsing with an exact fast path for plain decimals (the common CSV cell).</summary>
internal static class CsvNumber
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryParse(ReadOnlySpan<char> s, out double value) =>
        TryParsePlainDecimal(s, out value) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// Parses [sign]digits[.digits] with at most 15 significant digits. Both the mantissa and the power of ten are then
    /// exact doubles, so one IEEE division gives the correctly rounded result, identical to double.Parse.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int n = s.Length;
        if (n == 0 || n > 17) return false;
        int i = 0;
        bool negative = false;
        if (s[0] == '-') { negative = true; i = 1; }
        else if (s[0] == '+') i = 1;
        ulong mantissa = 0;
        int digits = 0, fractionDigits = 0;
        bool seenDot = false;
        for (; i < n; i++)
        {
            char c = s[i];
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                mantissa = mantissa * 10 + d;
                digits++;
                if (seenDot) fractionDigits++;
            }
            else if (c == '.' && !seenDot) seenDot = true;
            else return false;
        }
        if (digits == 0 || digits > 15) return false;
        double v = mantissa;
        if (fractionDigits > 0) v /= PowersOfTen[fractionDigits];
        value = negative ? -v : v;
        return true;
    }

    /// <summary>Cells that mean "no value": empty, "nan" and "NA" in any case.</summary>
    public static bool IsMissingToken(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        return s.IsEmpty || s.Equals("nan", StringComparison.OrdinalIgnoreCase) || s.Equals("na", StringComparison.OrdinalIgnoreCase);
    }
}
