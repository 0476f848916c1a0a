using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// Singular value decomposition B = U diag(S) V^T of a small square matrix by one-sided Jacobi rotations (Hestenes):
/// pairs of columns are rotated until all are mutually orthogonal. Unlike bidiagonalization it computes small
/// singular values to high relative accuracy when B is a well-conditioned matrix with scaled columns (Demmel and
/// Veselic, 1992), which is what badly scaled regression designs are.
/// </summary>
internal sealed class OneSidedJacobi
{
    private const int MaxSweeps = 80;

    /// <summary>Decomposes <paramref name="columns"/> (column-major m x m; overwritten with U diag(S)).</summary>
    public OneSidedJacobi(double[] columns, int m)
    {
        Size = m;
        var v = new double[m * m];
        for (int j = 0; j < m; j++) v[j * m + j] = 1;
        double threshold = m * 2.220446049250313e-16;
        for (int sweep = 0; sweep < MaxSweeps; sweep++)
        {
            bool rotated = false;
            for (int j = 0; j < m - 1; j++)
            {
                for (int k = j + 1; k < m; k++)
                {
                    var bj = columns.AsSpan(j * m, m);
                    var bk = columns.AsSpan(k * m, m);
                    double alpha = TensorPrimitives.Dot<double>(bj, bj);
                    double beta = TensorPrimitives.Dot<double>(bk, bk);
                    double gamma = TensorPrimitives.Dot<double>(bj, bk);
                    if (gamma == 0 || Math.Abs(gamma) <= threshold * Math.Sqrt(alpha) * Math.Sqrt(beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1.0 : -1.0) / (Math.Abs(zeta) + Math.Sqrt(1 + zeta * zeta));
                    double c = 1 / Math.Sqrt(1 + t * t), s = c * t;
                    Rotate(bj, bk, c, s);
                    Rotate(v.AsSpan(j * m, m), v.AsSpan(k * m, m), c, s);
                }
            }
            if (!rotated) break;
            Execution.FitInterruption.Check();
        }
        S = new double[m];
        for (int j = 0; j < m; j++)
        {
            var bj = columns.AsSpan(j * m, m);
            S[j] = Math.Sqrt(TensorPrimitives.Dot<double>(bj, bj));
            if (S[j] > 0) TensorPrimitives.Divide<double>(bj, S[j], bj);
        }
        U = columns;
        V = v;
    }

    public int Size { get; }

    /// <summary>Singular values, in no particular order.</summary>
    public double[] S { get; }

    /// <summary>Left singular vectors, column-major (column j belongs to S[j]; zero when S[j] is 0).</summary>
    public double[] U { get; }

    /// <summary>Right singular vectors, column-major (column j belongs to S[j]).</summary>
    public double[] V { get; }

    private static void Rotate(Span<double> x, Span<double> y, double c, double s)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double a = x[i], b = y[i];
            x[i] = c * a - s * b;
            y[i] = s * a + c * b;
        }
    }
}
