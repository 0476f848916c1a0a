using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>Solves A x = b for symmetric positive semi-definite A: Cholesky, or the minimum-norm pseudo-inverse solution when A is singular.</summary>
internal static class SymmetricSolver
{
    public static double[] Solve(double[] a, double[] b, int n)
    {
        var factor = (double[])a.Clone();
        var x = (double[])b.Clone();
        if (Cholesky.TryFactor(factor, n))
        {
            Cholesky.Solve(factor, n, x);
            return x;
        }
        return PseudoInverseSolve(a, b, n);
    }

    private static double[] PseudoInverseSolve(double[] a, double[] b, int n)
    {
        var (values, vectors) = SymmetricEigen.Decompose(a, n);
        double cutoff = Math.Max(values.Max(), 0) * n * 1e-13;
        var x = new double[n];
        for (int k = 0; k < n; k++)
        {
            if (!(values[k] > cutoff)) continue;
            double projection = 0;
            for (int i = 0; i < n; i++) projection += vectors[i * n + k] * b[i];
            projection /= values[k];
            for (int i = 0; i < n; i++) x[i] += projection * vectors[i * n + k];
        }
        return x;
    }
}
