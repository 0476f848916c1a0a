using System.Globalization;
using System.Numerics;

namespace Scalearn.Metrics;

/// <summary>
/// Fixed-point text exactly as Python's "{:.Nf}" prints a float: the exact binary value rounded half to even
/// (0.125 -> "0.12", where .NET's "F2" gives "0.13"), so reports match scikit-learn's character for character.
/// </summary>
internal static class FixedText
{
    public static string Format(double value, int digits)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        bool negative = double.IsNegative(value);
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(value));
        int exponentBits = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = exponentBits == 0 ? fraction : fraction | (1L << 52);
        int exponent = (exponentBits == 0 ? 1 : exponentBits) - 1075;
        // value = mantissa * 2^exponent; scaled = round_half_even(value * 10^digits).
        BigInteger numerator = mantissa * BigInteger.Pow(10, digits);
        BigInteger scaled;
        if (exponent >= 0) scaled = numerator << exponent;
        else
        {
            BigInteger denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            int compare = (remainder * 2).CompareTo(denominator);
            if (compare > 0 || (compare == 0 && !scaled.IsEven)) scaled += 1;
        }
        string text = scaled.ToString(CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        if (digits > 0) text = text[..^digits] + "." + text[^digits..];
        return negative ? "-" + text : text;
    }
}
