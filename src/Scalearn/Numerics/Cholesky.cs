namespace Scalearn.Numerics;

/// <summary>Cholesky factorization A = L L^T of a dense symmetric positive definite matrix (row-major, n x n).</summary>
public static class Cholesky
{
    /// <summary>
    /// Overwrites the lower triangle of <paramref name="a"/> with L. Returns false when a pivot is not clearly positive
    /// (relative to the largest diagonal entry), i.e. the matrix is singular or indefinite for practical purposes.
    /// </summary>
    public static bool TryFactor(Span<double> a, int n)
    {
        if (a.Length != n * n) throw new ArgumentException($"Expected {n * n} values for a {n}x{n} matrix, got {a.Length}.", nameof(a));
        double maxDiagonal = 0;
        for (int i = 0; i < n; i++) maxDiagonal = Math.Max(maxDiagonal, Math.Abs(a[i * n + i]));
        double minPivot = Math.Max(maxDiagonal, double.Epsilon) * 1e-13;
        for (int j = 0; j < n; j++)
        {
            var rowJ = a.Slice(j * n, j);
            double d = a[j * n + j] - System.Numerics.Tensors.TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(d > minPivot)) return false;
            double ljj = Math.Sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j] - System.Numerics.Tensors.TensorPrimitives.Dot<double>(a.Slice(i * n, j), rowJ);
                a[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves L L^T x = b in place, given the factor from <see cref="TryFactor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }
}
