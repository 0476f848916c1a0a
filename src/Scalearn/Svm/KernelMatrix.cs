using Scalearn.Numerics;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace Scalearn.Svm;

/// <summary>
/// Kernel values between the rows of one training matrix. When the whole Gram matrix fits in the memory budget it is
/// computed once (symmetric half, vectorized) and shared by every sub-problem of the fit: the class pairs of a
/// multiclass SVC and the five internal cross-validation fits of probability calibration. Otherwise rows are computed
/// on demand. Not thread-safe (one instance per fit).
/// </summary>
internal sealed class KernelMatrix : IDisposable
{
    private readonly double[] _x;
    private readonly int _d;
    private readonly double[] _squaredNorms;
    private readonly double[] _columns;
    private double[]? _gram;
    private double[] _scratch = [];

    public KernelMatrix(double[] x, int rows, int cols, KernelFunction kernel, long budgetBytes)
    {
        _x = x;
        Count = rows;
        _d = cols;
        Kernel = kernel;
        _squaredNorms = new double[rows];
        for (int r = 0; r < rows; r++) _squaredNorms[r] = ShortVectors.Dot(RowOf(r), RowOf(r));
        if ((long)rows * rows * sizeof(double) <= budgetBytes && (long)rows * rows <= Array.MaxLength) _gram = ComputeGram();
        _columns = _gram is null ? Transposed(x, rows, cols) : [];
    }

    public int Count { get; }
    public KernelFunction Kernel { get; }

    /// <summary>Whether the whole Gram matrix is held (rows then cost a copy, not kernel evaluations).</summary>
    public bool HasGram => _gram is not null;

    public ReadOnlySpan<double> RowOf(int r) => _x.AsSpan(r * _d, _d);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Value(int r, int c)
    {
        if (_gram is not null) return _gram[(long)r * Count + c];
        return Kernel.Evaluate(RowOf(r), RowOf(c));
    }

    /// <summary>dest[t] = K(x_r, x_(first + t)): the dot products run across rows of the feature-major copy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RowRange(int r, int first, Span<double> dest)
    {
        if (_gram is not null)
        {
            _gram.AsSpan((int)((long)r * Count + first), dest.Length).CopyTo(dest);
            return;
        }
        ShortVectors.DotAgainstColumns(RowOf(r), _columns, Count, first, dest);
        if (Kernel.NeedsSquaredNorms) Kernel.Transform(dest, _squaredNorms[r], _squaredNorms.AsSpan(first, dest.Length));
        else Kernel.Transform(dest, 0, []);
    }

    /// <summary>dest[t] = K(x_r, x_cols[t]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Row(int r, ReadOnlySpan<int> cols, Span<double> dest)
    {
        if (_gram is not null)
        {
            var row = _gram.AsSpan((int)((long)r * Count), Count);
            for (int k = 0; k < cols.Length; k++) dest[k] = row[cols[k]];
            return;
        }
        var xr = RowOf(r);
        int t = 0;
        // Four consecutive training rows at a time where the columns run consecutively.
        for (; t + 4 <= cols.Length; t += 4)
        {
            int c = cols[t];
            if (cols[t + 3] == c + 3 && cols[t + 1] == c + 1 && cols[t + 2] == c + 2) ShortVectors.DotFour(xr, _x.AsSpan(c * _d, 4 * _d), dest.Slice(t, 4));
            else for (int k = t; k < t + 4; k++) dest[k] = ShortVectors.Dot(xr, RowOf(cols[k]));
        }
        for (; t < cols.Length; t++) dest[t] = ShortVectors.Dot(xr, RowOf(cols[t]));
        if (Kernel.NeedsSquaredNorms)
        {
            if (_scratch.Length < cols.Length) _scratch = new double[cols.Length];
            var norms = _scratch.AsSpan(0, cols.Length);
            for (int k = 0; k < cols.Length; k++) norms[k] = _squaredNorms[cols[k]];
            Kernel.Transform(dest[..cols.Length], _squaredNorms[r], norms);
        }
        else Kernel.Transform(dest[..cols.Length], 0, []);
    }

    /// <summary>Whether the columns are consecutive training rows (always for SVR and binary SVC).</summary>
    public static bool IsRange(ReadOnlySpan<int> cols)
    {
        if (cols.Length == 0 || cols[^1] - cols[0] != cols.Length - 1) return false;
        for (int k = 1; k < cols.Length; k++) if (cols[k] != cols[k - 1] + 1) return false;
        return true;
    }

    /// <summary>The training matrix feature-major (cols x rows), so a row's dot products run vectorized across rows.</summary>
    private static double[] Transposed(double[] x, int rows, int cols)
    {
        var columns = new double[(long)rows * cols];
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < cols; f++) columns[(long)f * rows + r] = x[(long)r * cols + f];
        return columns;
    }

    /// <summary>Returns the pooled Gram matrix; the instance must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_gram is not null) System.Buffers.ArrayPool<double>.Shared.Return(_gram);
        _gram = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double[] ComputeGram()
    {
        int n = Count;
        var gram = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        for (int r = 0; r < n; r++)
        {
            var row = gram.AsSpan(r * n, r + 1);
            var xr = RowOf(r);
            int c = 0;
            for (; c + 4 <= r + 1; c += 4) ShortVectors.DotFour(xr, _x.AsSpan(c * _d, 4 * _d), row.Slice(c, 4));
            for (; c <= r; c++) row[c] = ShortVectors.Dot(xr, RowOf(c));
            Kernel.Transform(row, _squaredNorms[r], _squaredNorms.AsSpan(0, r + 1));
            for (int k = 0; k < r; k++) gram[(long)k * n + r] = row[k];
        }
        return gram;
    }
}
