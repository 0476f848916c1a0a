using System.Runtime.InteropServices;
using Scalearn.Data;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.Rounds;

/// <summary>Matrices and integer arrays on the wire, with every length checked before anything is allocated.</summary>
internal static class WireData
{
    public const int MaxValues = 1 << 27;
    public const int MaxCols = 1 << 24;

    public static void Matrix(this WireWriter writer, Matrix? m)
    {
        writer.Int32(m?.Rows ?? -1);
        if (m is null) return;
        writer.Int32(m.Cols);
        writer.Doubles(m.Values);
    }

    public static Matrix? NullableMatrix(this WireReader reader)
    {
        int rows = reader.Int32(-1, MaxValues, "Matrix rows");
        if (rows == -1) return null;
        int cols = reader.Int32(0, MaxCols, "Matrix columns");
        if ((long)rows * cols > MaxValues) throw new InvalidDataException($"A matrix of {rows}x{cols} is too large.");
        var values = reader.Doubles(MaxValues);
        if (values.Length != rows * cols) throw new InvalidDataException($"A {rows}x{cols} matrix cannot hold {values.Length} values.");
        return new Matrix(values, rows, cols);
    }

    public static Matrix Matrix(this WireReader reader) => reader.NullableMatrix() ?? throw new InvalidDataException("Unexpected null matrix.");

    public static void Int64s(this WireWriter writer, long[]? values)
    {
        if (values is null) writer.Int32(-1);
        else writer.Bytes(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    public static long[]? NullableInt64s(this WireReader reader, int maxCount)
    {
        var bytes = reader.NullableDoubles(maxCount);   // same layout: a byte length, then 8-byte values
        return bytes is null ? null : MemoryMarshal.Cast<double, long>(bytes).ToArray();
    }

    public static long[] Int64s(this WireReader reader, int maxCount) => reader.NullableInt64s(maxCount) ?? throw new InvalidDataException("Unexpected null array.");
}
