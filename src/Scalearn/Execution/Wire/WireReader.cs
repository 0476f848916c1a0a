using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Scalearn.Execution.Wire;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote. Every length is checked against the bytes present before anything is
/// allocated, so a truncated, forged or hostile message fails with <see cref="InvalidDataException"/>, never with an
/// out-of-memory or an index error.
/// </summary>
public sealed class WireReader(ReadOnlyMemory<byte> bytes)
{
    private int _position;

    public int Remaining => bytes.Length - _position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining) throw new InvalidDataException($"Message is truncated: {count} bytes needed, {Remaining} left.");
        var span = bytes.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new InvalidDataException($"Invalid boolean byte {b}."),
    };

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public Guid Guid() => new(Take(16));

    /// <summary>An int in [min, max], else InvalidDataException naming <paramref name="what"/>.</summary>
    public int Int32(int min, int max, string what)
    {
        int value = Int32();
        if (value < min || value > max) throw new InvalidDataException($"{what} {value} is outside [{min}, {max}].");
        return value;
    }

    public string? NullableString(int maxBytes = 1 << 20)
    {
        int length = Int32();
        if (length == -1) return null;
        if (length < 0 || length > maxBytes) throw new InvalidDataException($"String of {length} bytes exceeds the {maxBytes}-byte limit.");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("String is not valid UTF-8.", e);
        }
    }

    public string String(int maxBytes = 1 << 20) => NullableString(maxBytes) ?? throw new InvalidDataException("Unexpected null string.");

    public byte[] Bytes(int maxBytes = int.MaxValue)
    {
        int length = Int32();
        if (length < 0 || length > maxBytes) throw new InvalidDataException($"Byte array of {length} bytes exceeds the {maxBytes}-byte limit.");
        return Take(length).ToArray();
    }

    public double[]? NullableDoubles(int maxCount = int.MaxValue / 8)
    {
        int length = Int32();
        if (length == -1) return null;
        if (length < 0 || length % 8 != 0 || length / 8 > maxCount) throw new InvalidDataException($"Array of {length} bytes is not a list of at most {maxCount} doubles.");
        return MemoryMarshal.Cast<byte, double>(Take(length)).ToArray();
    }

    public double[] Doubles(int maxCount = int.MaxValue / 8) => NullableDoubles(maxCount) ?? throw new InvalidDataException("Unexpected null array.");

    /// <summary>A double array written by <see cref="WireWriter.FewDoubles"/>.</summary>
    public double[] FewDoubles(int maxCount = int.MaxValue / 8)
    {
        if (!Bool()) return Doubles(maxCount);
        var distinct = Doubles(WireFewDoubles.MaxDistinct);
        var codes = Bytes(maxCount);
        var values = new double[codes.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            if (codes[i] >= distinct.Length) throw new InvalidDataException($"Element {i} has value code {codes[i]}, but only {distinct.Length} distinct values were sent.");
            values[i] = distinct[codes[i]];
        }
        return values;
    }

    public int[] Int32s(int maxCount = int.MaxValue / 4)
    {
        int length = Int32();
        if (length < 0 || length % 4 != 0 || length / 4 > maxCount) throw new InvalidDataException($"Array of {length} bytes is not a list of at most {maxCount} ints.");
        return MemoryMarshal.Cast<byte, int>(Take(length)).ToArray();
    }

    public string[] Strings(int maxCount, int maxBytesEach = 1 << 16)
    {
        int count = Int32(0, Math.Min(maxCount, Remaining / 4), "String count");
        var values = new string[count];
        for (int i = 0; i < count; i++) values[i] = String(maxBytesEach);
        return values;
    }

    /// <summary>Throws unless every byte was read (a message with trailing bytes is not what was sent).</summary>
    public void End()
    {
        if (Remaining != 0) throw new InvalidDataException($"Message has {Remaining} unexpected trailing bytes.");
    }
}
