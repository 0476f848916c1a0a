using Scalearn.Data;
using Scalearn.Execution.Wire;

namespace Scalearn.Jobs;

/// <summary>A chunk of feature rows as the bytes of a shared input: rows, columns, then the row-major values.</summary>
public static class RowBlock
{
    public const int MaxColumns = 1 << 16;

    public static byte[] Encode(Matrix rows)
    {
        var writer = new WireWriter(16 + rows.Values.Length * sizeof(double));
        writer.Int32(rows.Rows);
        writer.Int32(rows.Cols);
        writer.Doubles(rows.Values);
        return writer.ToArray();
    }

    /// <summary>Reads a block from untrusted bytes; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public static Matrix Decode(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        int rows = reader.Int32(0, int.MaxValue, "Row count");
        int cols = reader.Int32(0, MaxColumns, "Column count");
        var values = reader.Doubles();
        reader.End();
        if ((long)rows * cols != values.LongLength) throw new InvalidDataException($"A block of {rows} x {cols} holds {values.Length} values.");
        return new Matrix(values, rows, cols);
    }
}
