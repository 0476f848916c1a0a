using System.Globalization;
using System.Runtime.CompilerServices;

namespace Scalearn.Data;

/// <summary>Invariant-culture number parsing with an exact fast path for plain decimals (the common CSV cell).</summary>
internal static class CsvNumber
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryParse(ReadOnlySpan<char> s, out double value) =>
        TryParsePlainDecimal(s, out value) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || TryParseInf(s, out value);

    /// <summary>"inf", "+inf", "-inf" in any case: how pandas and numpy write infinities (.NET reads only "Infinity").</summary>
    private static bool TryParseInf(ReadOnlySpan<char> s, out double value)
    {
        s = s.Trim();
        int sign = s.Length > 0 && s[0] is '-' or '+' ? 1 : 0;
        value = s.Length > 0 && s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return s[sign..].Equals("inf", StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value) =>
        ParsePlainPrefix(s, out value) is var n && n > 0 && n == s.Length;

    /// <summary>
    /// Parses a leading [sign]digits[.digits] with at most 15 significant digits and returns its length (0 when there is
    /// none). Both the mantissa and the power of ten are then exact doubles, so one IEEE division gives the correctly
    /// rounded result, identical to double.Parse. The CSV parser calls it at a cell's start and accepts the number when a
    /// separator follows, so a numeric cell is read in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ParsePlainPrefix(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int n = s.Length;
        if (n == 0) return 0;
        int i = s[0] is '-' or '+' ? 1 : 0;
        ulong mantissa = 0;
        uint d;
        int integerStart = i;
        while (i < n && (d = (uint)(s[i] - '0')) <= 9)
        {
            mantissa = mantissa * 10 + d;
            i++;
        }
        int digits = i - integerStart, fractionDigits = 0;
        if (i < n && s[i] == '.')
        {
            int fractionStart = ++i;
            while (i < n && (d = (uint)(s[i] - '0')) <= 9)
            {
                mantissa = mantissa * 10 + d;
                i++;
            }
            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }
        if (digits == 0 || digits > 15) return 0;
        double v = mantissa;
        if (fractionDigits > 0) v /= PowersOfTen[fractionDigits];
        value = s[0] == '-' ? -v : v;
        return i;
    }

    /// <summary>Whether <paramref name="s"/>, read as <paramref name="value"/>, is an integer literal beyond 2^53, where doubles no longer hold every integer.</summary>
    public static bool IsInexactInteger(ReadOnlySpan<char> s, double value)
    {
        if (Math.Abs(value) <= 9007199254740992.0) return false;
        s = s.Trim();
        if (s.Length > 0 && s[0] is '-' or '+') s = s[1..];
        return s.Length > 0 && !s.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>
    /// Cells that mean "no value": pandas.read_csv's default na_values ('', 'NA', 'N/A', 'n/a', 'NaN', '-NaN', 'nan',
    /// '-nan', 'null', 'NULL', 'None', '&lt;NA&gt;', '#N/A', '#N/A N/A', '#NA', '1.#IND', '-1.#IND', '1.#QNAN', '-1.#QNAN'),
    /// in any case and with surrounding spaces, so a column pandas reads as float64 with NaN is numeric here too.
    /// </summary>
    public static bool IsMissingToken(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.IsEmpty) return true;
        if (s.Length > 8 || !IsMissingStart(s[0])) return false;
        foreach (var token in MissingTokens)
            if (s.Equals(token, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool IsMissingStart(char c) => c is 'n' or 'N' or '-' or '<' or '#' or '1';

    private static readonly string[] MissingTokens =
        ["nan", "na", "n/a", "null", "none", "-nan", "<na>", "#n/a", "#n/a n/a", "#na", "1.#ind", "-1.#ind", "1.#qnan", "-1.#qnan"];
}
