namespace Scalearn.Execution.Wire;

/// <summary>The dictionary coding behind <see cref="WireWriter.FewDoubles"/>.</summary>
internal static class WireFewDoubles
{
    public const int MaxDistinct = 256;

    /// <summary>A byte per value indexing <paramref name="distinct"/>, or null when there are more than <see cref="MaxDistinct"/> distinct values.</summary>
    public static byte[]? Codes(double[] values, out double[] distinct)
    {
        var index = new Dictionary<long, byte>();
        var seen = new List<double>();
        var codes = new byte[values.Length];
        long lastBits = 0;
        byte last = 0;
        for (int i = 0; i < values.Length; i++)
        {
            long bits = BitConverter.DoubleToInt64Bits(values[i]);
            if (i == 0 || bits != lastBits)
            {
                if (!index.TryGetValue(bits, out last))
                {
                    if (seen.Count == MaxDistinct)
                    {
                        distinct = [];
                        return null;
                    }
                    last = (byte)seen.Count;
                    index.Add(bits, last);
                    seen.Add(values[i]);
                }
                lastBits = bits;
            }
            codes[i] = last;
        }
        distinct = [.. seen];
        return codes;
    }
}
