using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Scalearn.Data;

/// <summary>Invariant-culture number parsing with an exact fast path for plain decimals (the common CSV cell).</summary>
internal static class CsvNumber
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryParse(ReadOnlySpan<char> s, out double value) =>
        TryParsePlainDecimal(s, out value) || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value) =>
        ParsePlainPrefix(s, out value) is var n && n > 0 && n == s.Length;

    /// <summary>
    /// Parses a leading [sign]digits[.digits] with at most 15 significant digits and returns its length (0 when there is
    /// none). Both the mantissa and the power of ten are then exact doubles, so one IEEE division gives the correctly
    /// rounded result, identical to double.Parse. The CSV parser calls it at a cell's start and accepts the number when a
    /// separator follows, so a numeric cell is read in one pass.
    /// </summary>
    public static int ParsePlainPrefix(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int n = s.Length;
        if (n == 0) return 0;
        int i = s[0] is '-' or '+' ? 1 : 0;
        int integerStart = i;
        ulong mantissa = AppendDigits(s, ref i, 0);
        int digits = i - integerStart, fractionDigits = 0;
        if (i < n && s[i] == '.')
        {
            int fractionStart = ++i;
            mantissa = AppendDigits(s, ref i, mantissa);
            fractionDigits = i - fractionStart;
            digits += fractionDigits;
        }
        if (digits == 0 || digits > 15) return 0;
        double v = mantissa;
        if (fractionDigits > 0) v /= PowersOfTen[fractionDigits];
        value = s[0] == '-' ? -v : v;
        return i;
    }

    private static readonly ulong[] DigitScale = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>
    /// Appends the run of ASCII digits at <paramref name="i"/> to <paramref name="mantissa"/> (which wraps past 19
    /// digits; callers refuse more than 15) and moves <paramref name="i"/> past it. Up to 8 digits are taken at once
    /// where 8 characters remain: one vector compare finds the run, and the digits, as bytes of one word, are combined
    /// pairwise by three multiplications (the "eight digits" SWAR step of simdjson).
    /// </summary>
    private static ulong AppendDigits(ReadOnlySpan<char> s, ref int i, ulong mantissa)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            ref ushort start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(s));
            var zero = Vector128.Create((ushort)'0');
            var ten = Vector128.Create((ushort)10);
            while (i + 8 <= s.Length)
            {
                var d = Vector128.LoadUnsafe(ref start, (nuint)i) - zero;
                uint digitLanes = Vector128.LessThan(d, ten).ExtractMostSignificantBits();
                int count = BitOperations.TrailingZeroCount(~digitLanes);
                if (count == 0) return mantissa;
                // Lane k (the k-th character) is byte k: shifting left by the non-digit lanes drops them and leaves
                // leading zeros, so the word holds the run as an 8-digit number, most significant digit in the low byte.
                ulong word = Vector128.Narrow(d, d).AsUInt64().ToScalar() << (8 * (8 - count));
                word = (word * 10 + (word >> 8)) & 0x00FF00FF00FF00FF;
                word = (word * 100 + (word >> 16)) & 0x0000FFFF0000FFFF;
                word = (word * 10_000 + (word >> 32)) & 0xFFFFFFFF;
                mantissa = mantissa * DigitScale[count] + word;
                i += count;
                if (count < 8) return mantissa;
            }
        }
        uint digit;
        while (i < s.Length && (digit = (uint)(s[i] - '0')) <= 9)
        {
            mantissa = mantissa * 10 + digit;
            i++;
        }
        return mantissa;
    }

    /// <summary>Cells that mean "no value": empty, "nan" and "NA" in any case.</summary>
    public static bool IsMissingToken(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        return s.IsEmpty || s.Equals("nan", StringComparison.OrdinalIgnoreCase) || s.Equals("na", StringComparison.OrdinalIgnoreCase);
    }
}
