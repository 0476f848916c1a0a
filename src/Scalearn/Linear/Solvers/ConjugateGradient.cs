using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// Conjugate gradients for a symmetric positive definite A x = b from x = 0 with scipy's legacy stopping rule as
/// scikit-learn's Ridge(solver='sparse_cg') uses it: stop when ||b - A x|| &lt;= tol ||b|| (at once when ||b|| &lt;= tol),
/// after at most maxIter iterations (scipy's default 10 n). The iterations are preconditioned with the diagonal of A,
/// which leaves that rule and the solution unchanged and makes the count independent of the units of the features.
/// </summary>
internal static class ConjugateGradient
{
    public sealed record Result(double[] X, int Iterations, bool Converged);

    public static Result Solve(Action<ReadOnlySpan<double>, Span<double>> multiply, ReadOnlySpan<double> diagonal, ReadOnlySpan<double> b, double tol, int? maxIter)
    {
        int n = b.Length;
        int limit = maxIter ?? 10 * n;
        var x = new double[n];
        var r = b.ToArray();
        double bnorm = TensorPrimitives.Norm<double>(b);
        if (bnorm <= tol) return new Result(x, 0, true);
        double atol = tol * bnorm;
        var inverseDiagonal = new double[n];
        for (int i = 0; i < n; i++) inverseDiagonal[i] = diagonal[i] > 0 ? 1 / diagonal[i] : 1;
        var z = new double[n];
        TensorPrimitives.Multiply<double>(r, inverseDiagonal, z);
        var p = (double[])z.Clone();
        var ap = new double[n];
        double rz = TensorPrimitives.Dot<double>(r, z);
        for (int iteration = 1; iteration <= limit; iteration++)
        {
            Execution.FitInterruption.Check();
            multiply(p, ap);
            double pap = TensorPrimitives.Dot<double>(p, ap);
            if (!(pap > 0)) return new Result(x, iteration, false);
            double alpha = rz / pap;
            TensorPrimitives.MultiplyAdd<double>(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd<double>(ap, -alpha, r, r);
            if (TensorPrimitives.Norm<double>(r) <= atol) return new Result(x, iteration, true);
            TensorPrimitives.Multiply<double>(r, inverseDiagonal, z);
            double rzNew = TensorPrimitives.Dot<double>(r, z);
            TensorPrimitives.MultiplyAdd<double>(p, rzNew / rz, z, p);
            rz = rzNew;
        }
        return new Result(x, limit, false);
    }
}
