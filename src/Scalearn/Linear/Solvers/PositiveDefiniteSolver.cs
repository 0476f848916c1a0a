using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// Cholesky factorization A = L L^T of a symmetric positive definite matrix (LAPACK's potrf, as scipy's
/// solve(assume_a='pos')). A pivot is refused when it is not clearly positive relative to its own diagonal entry: that
/// test does not change when rows and columns of A are scaled together (scaled features), unlike a test against the
/// largest diagonal entry.
/// </summary>
internal sealed class PositiveDefiniteSolver
{
    /// <summary>Pivots below this share of their diagonal entry mean the normal equations have lost about half the digits.</summary>
    private const double DefaultMinPivotRatio = 1e-8;

    private readonly double[] _l;
    private readonly int _n;

    private PositiveDefiniteSolver(double[] l, int n)
    {
        _l = l;
        _n = n;
    }

    /// <summary>The factorization of <paramref name="a"/> (row-major n x n), or null when a pivot is not clearly positive.</summary>
    public static PositiveDefiniteSolver? TryFactor(ReadOnlySpan<double> a, int n, double minPivotRatio = DefaultMinPivotRatio)
    {
        var l = a.ToArray();
        for (int j = 0; j < n; j++)
        {
            var rowJ = l.AsSpan(j * n, j);
            double d = l[j * n + j] - TensorPrimitives.Dot<double>(rowJ, rowJ);
            if (!(d > minPivotRatio * a[j * n + j])) return null;
            double ljj = Math.Sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
                l[i * n + j] = (l[i * n + j] - TensorPrimitives.Dot<double>(l.AsSpan(i * n, j), rowJ)) / ljj;
            if ((j & 127) == 127) Execution.FitInterruption.Check();
        }
        return new PositiveDefiniteSolver(l, n);
    }

    /// <summary>x with A x = b.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = _n;
        var x = b.ToArray();
        for (int i = 0; i < n; i++) x[i] = (x[i] - TensorPrimitives.Dot<double>(_l.AsSpan(i * n, i), x.AsSpan(0, i))) / _l[i * n + i];
        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int k = i + 1; k < n; k++) s -= _l[k * n + i] * x[k];
            x[i] = s / _l[i * n + i];
        }
        return x;
    }

    /// <summary>
    /// Solves A x = b and refines x twice with residuals b - A x computed by <paramref name="residual"/> from the data
    /// rather than from the rounded A (corrected semi-normal equations, Bjorck 1987): the answer is then about as
    /// accurate as an orthogonal factorization would give, not limited by the squared condition of the normal equations.
    /// </summary>
    public double[] SolveRefined(ReadOnlySpan<double> b, Action<double[], double[]> residual)
    {
        var x = Solve(b);
        var r = new double[_n];
        for (int step = 0; step < 2; step++)
        {
            residual(x, r);
            var correction = Solve(r);
            TensorPrimitives.Add<double>(x, correction, x);
        }
        return x;
    }
}
