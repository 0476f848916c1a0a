using System.Globalization;
using System.Text;
using Scalearn.Data;

namespace Scalearn.Tests.Data;

public sealed class CsvNumberTests
{
    /// <summary>The plain-decimal prefix by the obvious character loop: its length (0: none or over 15 digits).</summary>
    private static int ReferencePrefix(string s)
    {
        int i = s.Length > 0 && s[0] is '-' or '+' ? 1 : 0, digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; digits++; }
        }
        return digits is 0 or > 15 ? 0 : i;
    }

    [Theory]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("INF", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("infinity", double.PositiveInfinity)]
    public void Infinities_are_read_as_pandas_and_numpy_write_them(string text, double expected)
    {
        Assert.True(CsvNumber.TryParse(text, out double value));
        Assert.Equal(expected, value);
        Assert.False(CsvNumber.TryParse("infx", out _));
        Assert.False(CsvNumber.TryParse("-", out _));
    }

    [Fact]
    public void A_column_with_pandas_infinities_is_numeric_not_text()
    {
        using var files = new Scalearn.Tests.Data.Tables.TempFiles();
        var path = files.Write("inf.csv", "a,b\n1,x\ninf,y\n-inf,z\n");
        var chunk = Scalearn.Data.Tables.TableReader.ReadAll(path, Scalearn.Data.Tables.TableOptions.AllColumns);
        var a = Assert.IsType<Scalearn.Data.Tables.DoubleColumn>(chunk.Passthrough[0]);
        Assert.Equal([1, double.PositiveInfinity, double.NegativeInfinity], a.Values);
    }

    [Fact]
    public void The_plain_decimal_prefix_is_exactly_double_Parse_for_any_digit_run_length_and_what_follows()
    {
        var rng = new Scalearn.Numerics.Rng(11);
        string[] tails = ["", ",", "\n", "\r\n", "e5", "x", "\u0131", "\u0660", ".5", " ", "1234567890123456789"];
        for (int trial = 0; trial < 50_000; trial++)
        {
            var text = new StringBuilder();
            if (rng.NextInt(3) == 0) text.Append(rng.NextInt(2) == 0 ? '-' : '+');
            int integer = rng.NextInt(12), fraction = rng.NextInt(4) == 0 ? -1 : rng.NextInt(12);
            for (int k = 0; k < integer; k++) text.Append((char)('0' + rng.NextInt(10)));
            if (fraction >= 0) text.Append('.');
            for (int k = 0; k < fraction; k++) text.Append((char)('0' + rng.NextInt(10)));
            string number = text.ToString();
            string s = number + tails[rng.NextInt(tails.Length)];

            int n = CsvNumber.ParsePlainPrefix(s, out double value);
            int expected = ReferencePrefix(s);
            Assert.True(expected == n, $"'{s}': prefix {n}, expected {expected}");
            if (n > 0) Assert.Equal(double.Parse(s.AsSpan(0, n), NumberStyles.Float, CultureInfo.InvariantCulture), value);
        }
    }

    [Theory]
    [InlineData("0.000001", 1e-6)]
    [InlineData("-0.123456", -0.123456)]
    [InlineData("12345678.1234567", 12345678.1234567)]
    [InlineData("99999999", 99999999.0)]
    [InlineData("00000000000001.5", 1.5)]
    public void Runs_of_eight_digits_and_more_parse_exactly(string text, double expected)
    {
        Assert.Equal(text.Length, CsvNumber.ParsePlainPrefix(text + ",", out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("abc")]
    [InlineData("1234567890123456")]
    [InlineData("1234567.890123456")]
    public void No_plain_decimal_or_more_than_15_digits_is_left_to_the_exact_parser(string text) =>
        Assert.Equal(0, CsvNumber.ParsePlainPrefix(text, out _));
}
