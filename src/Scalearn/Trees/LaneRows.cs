using System.Buffers;
using Scalearn.Data;

namespace Scalearn.Trees;

/// <summary>
/// Rows regrouped for <see cref="PackedTree"/>: groups of <see cref="Lanes"/> rows that walk a tree together, each group
/// feature-major (feature f of the group's row k at <c>f * Lanes + k</c>), so that all the group's rows are read through
/// one base address plus the node's feature offset (row k's displacement is a constant). A last partial group repeats
/// its last row. <see cref="Pad"/> values before the first group make a leaf's read of "feature -1" land inside the array.
/// Its buffer is rented: dispose it.
/// </summary>
internal sealed class LaneRows : IDisposable
{
    public const int Lanes = 8;
    public const int Pad = Lanes;

    public LaneRows(int maxRows, int cols)
    {
        Cols = cols;
        Values = ArrayPool<double>.Shared.Rent(Pad + ((maxRows + Lanes - 1) / Lanes) * Lanes * cols);
        Array.Clear(Values, 0, Pad);
    }

    /// <summary>The buffer: <see cref="Pad"/> values, then the groups.</summary>
    public double[] Values { get; private set; }

    public int Cols { get; }

    public int Rows { get; private set; }

    public int Groups => (Rows + Lanes - 1) / Lanes;

    /// <summary>Takes rows <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="x"/>.</summary>
    public void Fill(DataView x, int from, int to)
    {
        var matrix = x.Source.X;
        if (matrix.Cols != Cols) throw new ArgumentException($"The rows have {matrix.Cols} features; this buffer holds {Cols}.");
        Rows = to - from;
        if (Pad + Groups * Lanes * Cols > Values.Length) throw new ArgumentException("More rows than the buffer holds.");
        var values = matrix.Values;
        for (int g = 0; g < Groups; g++)
        {
            var group = Values.AsSpan(Pad + g * Lanes * Cols, Lanes * Cols);
            for (int k = 0; k < Lanes; k++)
            {
                var row = values.AsSpan(x.SourceRow(from + Math.Min(g * Lanes + k, Rows - 1)) * Cols, Cols);
                for (int f = 0; f < row.Length; f++) group[f * Lanes + k] = row[f];
            }
        }
    }

    public void Dispose()
    {
        if (Values.Length == 0) return;
        ArrayPool<double>.Shared.Return(Values);
        Values = [];
    }
}
