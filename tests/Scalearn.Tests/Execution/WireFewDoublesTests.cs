using Scalearn.Execution.Wire;

namespace Scalearn.Tests.Execution;

/// <summary>Predicted labels travel as a byte each when a chunk has at most 256 distinct values, and any array comes back bit for bit.</summary>
public class WireFewDoublesTests
{
    private static (double[] Back, int Bytes) RoundTrip(double[] values)
    {
        var writer = new WireWriter();
        writer.FewDoubles(values);
        var reader = new WireReader(writer.ToArray());
        var back = reader.FewDoubles();
        reader.End();
        return (back, writer.Length);
    }

    private static void AssertBits(double[] expected, double[] actual) =>
        Assert.Equal(Array.ConvertAll(expected, BitConverter.DoubleToInt64Bits), Array.ConvertAll(actual, BitConverter.DoubleToInt64Bits));

    [Fact]
    public void Labels_take_a_byte_each()
    {
        var rng = new Random(1);
        var labels = Enumerable.Range(0, 10_000).Select(_ => (double)rng.Next(3)).ToArray();
        var (back, bytes) = RoundTrip(labels);
        AssertBits(labels, back);
        Assert.InRange(bytes, 10_000, 10_100);
    }

    [Fact]
    public void Two_hundred_fifty_six_distinct_values_are_coded_and_one_more_falls_back_to_doubles()
    {
        var coded = Enumerable.Range(0, 1000).Select(i => i % 256 * 0.1).ToArray();
        var (back, bytes) = RoundTrip(coded);
        AssertBits(coded, back);
        Assert.True(bytes < 1000 + 256 * 8 + 32, $"{bytes} bytes");

        var plain = Enumerable.Range(0, 1000).Select(i => i % 257 * 0.1).ToArray();
        (back, bytes) = RoundTrip(plain);
        AssertBits(plain, back);
        Assert.True(bytes >= 8000, $"{bytes} bytes");
    }

    [Fact]
    public void Signed_zeros_nan_payloads_and_infinities_survive()
    {
        double otherNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0123));
        double[] values = [0.0, -0.0, double.NaN, otherNaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, otherNaN, 1.5, double.Epsilon];
        AssertBits(values, RoundTrip(values).Back);
        Assert.Empty(RoundTrip([]).Back);
    }

    [Fact]
    public void A_code_beyond_the_values_sent_is_refused()
    {
        var writer = new WireWriter();
        writer.Bool(true);
        writer.Doubles([1.0, 2.0]);
        writer.Bytes([0, 1, 2]);
        var error = Assert.Throws<InvalidDataException>(() => new WireReader(writer.ToArray()).FewDoubles());
        Assert.Contains("Element 2 has value code 2", error.Message);
    }
}
