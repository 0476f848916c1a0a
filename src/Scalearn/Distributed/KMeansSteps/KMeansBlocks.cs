using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scalearn.Data;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>
/// A partition's rows laid out for the k-means distance kernel: blocks of 8 rows, feature-major inside a block
/// (feature j of the block's rows is 8 consecutive doubles), the last block padded with zeros. One load of a feature
/// then serves 8 rows against a center, so the kernel needs no horizontal sums. Every lane computes its squared
/// distance in the same order (the sum over features of fma(d, d, acc), d = x - c), on 512-bit, 256-bit or scalar
/// hardware alike, so distances and nearest centers are bit-identical on every worker.
/// </summary>
internal sealed class KMeansBlocks
{
    public const int Width = 8;

    private KMeansBlocks(double[] values, int rows, int cols)
    {
        Values = values;
        Rows = rows;
        Cols = cols;
    }

    public double[] Values { get; }
    public int Rows { get; }
    public int Cols { get; }
    public int Blocks => (Rows + Width - 1) / Width;
    public long Bytes => 8L * Values.Length;

    public static KMeansBlocks From(Matrix x)
    {
        int blocks = (x.Rows + Width - 1) / Width, d = x.Cols;
        var values = new double[checked(blocks * d * Width)];
        for (int i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            int offset = i / Width * d * Width + i % Width;
            for (int j = 0; j < d; j++) values[offset + j * Width] = row[j];
        }
        return new KMeansBlocks(values, x.Rows, d);
    }

    /// <summary>Rows in block <paramref name="block"/> (8, or fewer in the last one).</summary>
    public int RowsIn(int block) => Math.Min(Width, Rows - block * Width);

    public double At(int row, int col) => Values[row / Width * Cols * Width + col * Width + row % Width];

    public void CopyRow(int row, Span<double> destination)
    {
        int offset = row / Width * Cols * Width + row % Width;
        for (int j = 0; j < Cols; j++) destination[j] = Values[offset + j * Width];
    }

    public double[] Row(int row)
    {
        var result = new double[Cols];
        CopyRow(row, result);
        return result;
    }

    /// <summary>The kernel's squared distance for one row (the same operations as each lane of <see cref="Nearest"/>).</summary>
    public static double SquaredDistance(ReadOnlySpan<double> row, ReadOnlySpan<double> center)
    {
        double acc = 0;
        for (int j = 0; j < row.Length; j++)
        {
            double t = row[j] - center[j];
            acc = Math.FusedMultiplyAdd(t, t, acc);
        }
        return acc;
    }

    /// <summary>Adds the block's row <paramref name="lane"/> to <paramref name="sum"/>.</summary>
    public void AddRow(int block, int lane, Span<double> sum)
    {
        int offset = block * Cols * Width + lane;
        for (int j = 0; j < sum.Length; j++) sum[j] += Values[offset + j * Width];
    }

    /// <summary>
    /// For each row of the block, the nearest of <paramref name="centers"/> (row-major, k x Cols; the lowest index on
    /// ties) and its squared distance. Padding lanes get garbage the caller ignores.
    /// </summary>
    public void Nearest(int block, ReadOnlySpan<double> centers, Span<int> labels, Span<double> distances)
    {
        int k = centers.Length / Cols;
        ref double x = ref Values[block * Cols * Width];
        if (Vector512.IsHardwareAccelerated) Nearest512(ref x, centers, k, labels, distances);
        else if (Vector256.IsHardwareAccelerated) Nearest256(ref x, centers, k, labels, distances);
        else NearestScalar(ref x, centers, k, labels, distances);
    }

    private void Nearest512(ref double x, ReadOnlySpan<double> centers, int k, Span<int> labels, Span<double> distances)
    {
        int d = Cols;
        var best = Vector512.Create(double.PositiveInfinity);
        var bestIndex = Vector512<double>.Zero;
        ref double c = ref MemoryMarshal.GetReference(centers);
        int center = 0;
        for (; center + 4 <= k; center += 4)
        {
            ref double c0 = ref Unsafe.Add(ref c, center * d);
            ref double c1 = ref Unsafe.Add(ref c0, d);
            ref double c2 = ref Unsafe.Add(ref c1, d);
            ref double c3 = ref Unsafe.Add(ref c2, d);
            Vector512<double> a0 = default, a1 = default, a2 = default, a3 = default;
            for (int j = 0; j < d; j++)
            {
                var v = Vector512.LoadUnsafe(ref x, (nuint)(j * Width));
                var t0 = v - Vector512.Create(Unsafe.Add(ref c0, j));
                var t1 = v - Vector512.Create(Unsafe.Add(ref c1, j));
                var t2 = v - Vector512.Create(Unsafe.Add(ref c2, j));
                var t3 = v - Vector512.Create(Unsafe.Add(ref c3, j));
                a0 = Vector512.FusedMultiplyAdd(t0, t0, a0);
                a1 = Vector512.FusedMultiplyAdd(t1, t1, a1);
                a2 = Vector512.FusedMultiplyAdd(t2, t2, a2);
                a3 = Vector512.FusedMultiplyAdd(t3, t3, a3);
            }
            Keep(a0, center, ref best, ref bestIndex);
            Keep(a1, center + 1, ref best, ref bestIndex);
            Keep(a2, center + 2, ref best, ref bestIndex);
            Keep(a3, center + 3, ref best, ref bestIndex);
        }
        for (; center < k; center++)
        {
            ref double c0 = ref Unsafe.Add(ref c, center * d);
            Vector512<double> a0 = default;
            for (int j = 0; j < d; j++)
            {
                var t0 = Vector512.LoadUnsafe(ref x, (nuint)(j * Width)) - Vector512.Create(Unsafe.Add(ref c0, j));
                a0 = Vector512.FusedMultiplyAdd(t0, t0, a0);
            }
            Keep(a0, center, ref best, ref bestIndex);
        }
        for (int lane = 0; lane < Width; lane++)
        {
            labels[lane] = (int)bestIndex[lane];
            distances[lane] = best[lane];
        }

        static void Keep(Vector512<double> distance, int index, ref Vector512<double> best, ref Vector512<double> bestIndex)
        {
            var closer = Vector512.LessThan(distance, best);
            best = Vector512.ConditionalSelect(closer, distance, best);
            bestIndex = Vector512.ConditionalSelect(closer, Vector512.Create((double)index), bestIndex);
        }
    }

    private void Nearest256(ref double x, ReadOnlySpan<double> centers, int k, Span<int> labels, Span<double> distances)
    {
        int d = Cols;
        var bestLow = Vector256.Create(double.PositiveInfinity);
        var bestHigh = bestLow;
        var indexLow = Vector256<double>.Zero;
        var indexHigh = indexLow;
        ref double c = ref MemoryMarshal.GetReference(centers);
        int center = 0;
        for (; center + 2 <= k; center += 2)
        {
            ref double c0 = ref Unsafe.Add(ref c, center * d);
            ref double c1 = ref Unsafe.Add(ref c0, d);
            Vector256<double> l0 = default, h0 = default, l1 = default, h1 = default;
            for (int j = 0; j < d; j++)
            {
                var low = Vector256.LoadUnsafe(ref x, (nuint)(j * Width));
                var high = Vector256.LoadUnsafe(ref x, (nuint)(j * Width + 4));
                var b0 = Vector256.Create(Unsafe.Add(ref c0, j));
                var b1 = Vector256.Create(Unsafe.Add(ref c1, j));
                var tl0 = low - b0; var th0 = high - b0; var tl1 = low - b1; var th1 = high - b1;
                l0 = Vector256.FusedMultiplyAdd(tl0, tl0, l0);
                h0 = Vector256.FusedMultiplyAdd(th0, th0, h0);
                l1 = Vector256.FusedMultiplyAdd(tl1, tl1, l1);
                h1 = Vector256.FusedMultiplyAdd(th1, th1, h1);
            }
            Keep(l0, h0, center, ref bestLow, ref bestHigh, ref indexLow, ref indexHigh);
            Keep(l1, h1, center + 1, ref bestLow, ref bestHigh, ref indexLow, ref indexHigh);
        }
        for (; center < k; center++)
        {
            ref double c0 = ref Unsafe.Add(ref c, center * d);
            Vector256<double> l0 = default, h0 = default;
            for (int j = 0; j < d; j++)
            {
                var b0 = Vector256.Create(Unsafe.Add(ref c0, j));
                var tl0 = Vector256.LoadUnsafe(ref x, (nuint)(j * Width)) - b0;
                var th0 = Vector256.LoadUnsafe(ref x, (nuint)(j * Width + 4)) - b0;
                l0 = Vector256.FusedMultiplyAdd(tl0, tl0, l0);
                h0 = Vector256.FusedMultiplyAdd(th0, th0, h0);
            }
            Keep(l0, h0, center, ref bestLow, ref bestHigh, ref indexLow, ref indexHigh);
        }
        for (int lane = 0; lane < 4; lane++)
        {
            labels[lane] = (int)indexLow[lane];
            distances[lane] = bestLow[lane];
            labels[lane + 4] = (int)indexHigh[lane];
            distances[lane + 4] = bestHigh[lane];
        }

        static void Keep(Vector256<double> low, Vector256<double> high, int index, ref Vector256<double> bestLow, ref Vector256<double> bestHigh,
            ref Vector256<double> indexLow, ref Vector256<double> indexHigh)
        {
            var closerLow = Vector256.LessThan(low, bestLow);
            var closerHigh = Vector256.LessThan(high, bestHigh);
            bestLow = Vector256.ConditionalSelect(closerLow, low, bestLow);
            bestHigh = Vector256.ConditionalSelect(closerHigh, high, bestHigh);
            var value = Vector256.Create((double)index);
            indexLow = Vector256.ConditionalSelect(closerLow, value, indexLow);
            indexHigh = Vector256.ConditionalSelect(closerHigh, value, indexHigh);
        }
    }

    private void NearestScalar(ref double x, ReadOnlySpan<double> centers, int k, Span<int> labels, Span<double> distances)
    {
        int d = Cols;
        for (int lane = 0; lane < Width; lane++)
        {
            double best = double.PositiveInfinity;
            int bestIndex = 0;
            for (int center = 0; center < k; center++)
            {
                double acc = 0;
                for (int j = 0; j < d; j++)
                {
                    double t = Unsafe.Add(ref x, j * Width + lane) - centers[center * d + j];
                    acc = Math.FusedMultiplyAdd(t, t, acc);
                }
                if (acc < best) { best = acc; bestIndex = center; }
            }
            labels[lane] = bestIndex;
            distances[lane] = best;
        }
    }
}
