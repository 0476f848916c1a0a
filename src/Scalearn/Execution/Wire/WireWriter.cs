using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Scalearn.Execution.Wire;

/// <summary>
/// Compact little-endian binary encoding for tasks, results and messages. Strings are length-prefixed UTF-8; arrays are
/// count-prefixed raw values, so doubles travel bit for bit. <see cref="WireReader"/> reads the same layout.
/// </summary>
public sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public WireWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public int Length => _buffer.WrittenCount;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Guid(Guid value)
    {
        value.TryWriteBytes(_buffer.GetSpan(16));
        _buffer.Advance(16);
    }

    /// <summary>A string or null (length -1).</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Int32(-1);
            return;
        }
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        var span = _buffer.GetSpan(4 + max);
        int written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, written);
        _buffer.Advance(4 + written);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        Raw(value);
    }

    public void Raw(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>A double array or null (count -1).</summary>
    public void Doubles(double[]? values)
    {
        if (values is null)
        {
            Int32(-1);
            return;
        }
        Bytes(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>
    /// A double array that often holds few distinct values (a chunk's predicted class labels): with at most 256 distinct
    /// values (told apart bit for bit, so -0 and NaN payloads survive), the values once and a byte per element, an eighth
    /// of the size; else plain doubles. <see cref="WireReader.FewDoubles"/> reads it.
    /// </summary>
    public void FewDoubles(double[] values)
    {
        var codes = WireFewDoubles.Codes(values, out var distinct);
        Bool(codes is not null);
        if (codes is null)
        {
            Doubles(values);
            return;
        }
        Doubles(distinct);
        Bytes(codes);
    }

    public void Int32s(ReadOnlySpan<int> values) => Bytes(MemoryMarshal.AsBytes(values));

    public void Strings(IReadOnlyList<string> values)
    {
        Int32(values.Count);
        foreach (var v in values) String(v);
    }
}
