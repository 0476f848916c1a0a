using System.Runtime.Intrinsics;
using Scalearn.Data;

namespace Scalearn.Clustering;

/// <summary>Distance, assignment and tolerance helpers shared by KMeans and MiniBatchKMeans.</summary>
internal static class KMeansMath
{
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int j = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated && a.Length >= 8)
        {
            var first = Vector256<double>.Zero;
            var second = Vector256<double>.Zero;
            for (; j <= a.Length - 8; j += 8)
            {
                var d0 = Vector256.Create(a.Slice(j, 4)) - Vector256.Create(b.Slice(j, 4));
                var d1 = Vector256.Create(a.Slice(j + 4, 4)) - Vector256.Create(b.Slice(j + 4, 4));
                first = Vector256.FusedMultiplyAdd(d0, d0, first);
                second = Vector256.FusedMultiplyAdd(d1, d1, second);
            }
            sum = Vector256.Sum(first + second);
        }
        for (; j < a.Length; j++) { double d = a[j] - b[j]; sum += d * d; }
        return sum;
    }

    /// <summary>Index of the nearest center (lowest index on ties) and the squared distance to it.</summary>
    public static int Nearest(ReadOnlySpan<double> row, Matrix centers, out double squaredDistance)
    {
        int best = 0;
        squaredDistance = double.PositiveInfinity;
        for (int c = 0; c < centers.Rows; c++)
        {
            double d = SquaredDistance(row, centers.Row(c));
            if (d < squaredDistance) { squaredDistance = d; best = c; }
        }
        return best;
    }

    /// <summary>Labels every row with its nearest center and returns the inertia (sum of squared distances).</summary>
    public static double Assign(Matrix x, Matrix centers, int[] labels, bool parallel = false)
    {
        const int block = 1024;
        int blocks = (x.Rows + block - 1) / block;
        var partial = new double[blocks];
        void Run(int b)
        {
            double sum = 0;
            for (int i = b * block; i < Math.Min(x.Rows, (b + 1) * block); i++)
            {
                labels[i] = Nearest(x.Row(i), centers, out double d);
                sum += d;
            }
            partial[b] = sum;
        }
        if (parallel && blocks > 1) Parallel.For(0, blocks, Run);
        else for (int b = 0; b < blocks; b++) Run(b);
        return partial.Sum();
    }

    /// <summary>scikit-learn's _tolerance: tol scaled by the mean per-feature variance of the data.</summary>
    public static double ScaledTolerance(Matrix x, double tol)
    {
        if (tol == 0) return 0;
        double total = 0;
        for (int j = 0; j < x.Cols; j++)
        {
            double mean = 0;
            for (int i = 0; i < x.Rows; i++) mean += x[i, j];
            mean /= x.Rows;
            double variance = 0;
            for (int i = 0; i < x.Rows; i++) variance += (x[i, j] - mean) * (x[i, j] - mean);
            total += variance / x.Rows;
        }
        return total / x.Cols * tol;
    }

    public static Matrix SelectRows(Matrix x, ReadOnlySpan<int> rows)
    {
        var m = new Matrix(rows.Length, x.Cols);
        for (int i = 0; i < rows.Length; i++) x.Row(rows[i]).CopyTo(m.Row(i));
        return m;
    }
}
