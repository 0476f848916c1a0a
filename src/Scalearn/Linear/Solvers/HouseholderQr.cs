using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// Householder QR of a row-major m x n matrix with m >= n (LAPACK's dgeqrf reflectors, unblocked). Its backward error is
/// column-wise (each column is perturbed relative to its own norm), so scaling a column scales R's column and nothing
/// else changes beyond rounding: the property that keeps the least-squares solvers independent of feature units.
/// </summary>
internal sealed class HouseholderQr
{
    private readonly double[] _a;
    private readonly double[] _tau;

    /// <summary>
    /// Factors <paramref name="a"/> in place (it then holds R above the diagonal and the reflectors below). With
    /// <paramref name="pivotColumns"/> the remaining column of largest norm is moved forward at each step (LAPACK's
    /// dgeqp3 order); together with rows sorted by decreasing norm this makes the factorization row-wise stable
    /// (Cox and Higham, 1998), which matters when the rows are scaled very differently.
    /// </summary>
    public HouseholderQr(double[] a, int rows, int cols, bool pivotColumns = false)
    {
        if (rows < cols) throw new ArgumentException($"Householder QR needs rows >= cols; got {rows} x {cols}.");
        _a = a;
        Rows = rows;
        Cols = cols;
        _tau = new double[cols];
        var w = new double[cols];
        for (int k = 0; k < cols; k++)
        {
            if (pivotColumns) SwapInLargestColumn(a, rows, cols, k);
            double norm = ColumnNorm(a, rows, cols, k);
            double x0 = a[k * cols + k];
            if (norm == 0) continue;
            double beta = x0 >= 0 ? -norm : norm;
            _tau[k] = (beta - x0) / beta;
            double scale = 1.0 / (x0 - beta);
            for (int i = k + 1; i < rows; i++) a[i * cols + k] *= scale;
            a[k * cols + k] = beta;
            int rest = cols - k - 1;
            if (rest == 0) continue;
            // w = v^T A[k:, k+1:], then A[k:, k+1:] -= tau v w (v_k = 1).
            var wk = w.AsSpan(0, rest);
            a.AsSpan(k * cols + k + 1, rest).CopyTo(wk);
            for (int i = k + 1; i < rows; i++)
            {
                double v = a[i * cols + k];
                if (v != 0) TensorPrimitives.MultiplyAdd<double>(a.AsSpan(i * cols + k + 1, rest), v, wk, wk);
            }
            TensorPrimitives.MultiplyAdd<double>(wk, -_tau[k], a.AsSpan(k * cols + k + 1, rest), a.AsSpan(k * cols + k + 1, rest));
            for (int i = k + 1; i < rows; i++)
            {
                double v = a[i * cols + k];
                if (v != 0) TensorPrimitives.MultiplyAdd<double>(wk, -_tau[k] * v, a.AsSpan(i * cols + k + 1, rest), a.AsSpan(i * cols + k + 1, rest));
            }
            if ((k & 63) == 63) Execution.FitInterruption.Check();
        }
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>R as a column-major Cols x Cols matrix (column j holds R[0..j, j], zeros below).</summary>
    public double[] RColumnMajor()
    {
        int n = Cols;
        var r = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) r[j * n + i] = _a[i * n + j];
        return r;
    }

    /// <summary>R^T as a column-major matrix, i.e. R row-major read column by column (column j of R^T is row j of R).</summary>
    public double[] RTransposeColumnMajor()
    {
        int n = Cols;
        var rt = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = i; j < n; j++) rt[i * n + j] = _a[i * n + j];
        return rt;
    }

    /// <summary>Overwrites <paramref name="y"/> (length Rows) with Q^T y.</summary>
    public void ApplyQTranspose(Span<double> y)
    {
        int n = Cols;
        for (int k = 0; k < n; k++)
        {
            if (_tau[k] == 0) continue;
            double s = y[k];
            for (int i = k + 1; i < Rows; i++) s += _a[i * n + k] * y[i];
            s *= _tau[k];
            y[k] -= s;
            for (int i = k + 1; i < Rows; i++) y[i] -= s * _a[i * n + k];
        }
    }

    /// <summary>The thin Q (Rows x Cols) row-major, formed by applying the reflectors to the first Cols columns of I.</summary>
    public double[] ThinQ()
    {
        int m = Rows, n = Cols;
        var q = new double[m * n];
        for (int j = 0; j < n; j++) q[j * n + j] = 1;
        var w = new double[n];
        for (int k = n - 1; k >= 0; k--)
        {
            if (_tau[k] == 0) continue;
            int rest = n - k;
            var wk = w.AsSpan(0, rest);
            q.AsSpan(k * n + k, rest).CopyTo(wk);
            for (int i = k + 1; i < m; i++)
            {
                double v = _a[i * n + k];
                if (v != 0) TensorPrimitives.MultiplyAdd<double>(q.AsSpan(i * n + k, rest), v, wk, wk);
            }
            TensorPrimitives.MultiplyAdd<double>(wk, -_tau[k], q.AsSpan(k * n + k, rest), q.AsSpan(k * n + k, rest));
            for (int i = k + 1; i < m; i++)
            {
                double v = _a[i * n + k];
                if (v != 0) TensorPrimitives.MultiplyAdd<double>(wk, -_tau[k] * v, q.AsSpan(i * n + k, rest), q.AsSpan(i * n + k, rest));
            }
        }
        return q;
    }

    private static void SwapInLargestColumn(double[] a, int rows, int cols, int k)
    {
        int best = k;
        double bestNorm = -1;
        for (int j = k; j < cols; j++)
        {
            double norm = ColumnNorm(a, rows, cols, j, k);
            if (norm > bestNorm) { bestNorm = norm; best = j; }
        }
        if (best == k) return;
        for (int i = 0; i < rows; i++) (a[i * cols + k], a[i * cols + best]) = (a[i * cols + best], a[i * cols + k]);
    }

    /// <summary>Norm of column k from row k down; the overflow-safe loop only when the plain sum of squares under- or overflows.</summary>
    private static double ColumnNorm(double[] a, int rows, int cols, int k) => ColumnNorm(a, rows, cols, k, k);

    /// <summary>Norm of column j from row k down.</summary>
    private static double ColumnNorm(double[] a, int rows, int cols, int j, int k)
    {
        double sum = 0;
        for (int i = k; i < rows; i++) sum += a[i * cols + j] * a[i * cols + j];
        if (sum > 1e-290 && double.IsFinite(sum)) return Math.Sqrt(sum);
        double norm = 0;
        for (int i = k; i < rows; i++) norm = Hypot(norm, a[i * cols + j]);
        return norm;
    }

    /// <summary>sqrt(a^2 + b^2) without overflow or underflow for the huge and tiny columns of badly scaled data.</summary>
    internal static double Hypot(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        if (a < b) (a, b) = (b, a);
        if (a == 0) return 0;
        double r = b / a;
        return a * Math.Sqrt(1 + r * r);
    }
}
