using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>A linear map given by its products: A v (length Rows) and A^T u (length Cols).</summary>
internal interface ILinearOperator
{
    int Rows { get; }
    int Cols { get; }
    void Multiply(ReadOnlySpan<double> v, Span<double> result);
    void MultiplyTransposed(ReadOnlySpan<double> u, Span<double> result);
}

/// <summary>
/// LSQR of Paige and Saunders (1982) for min ||A x - b||^2 + damp^2 ||x||^2, step for step as scipy.sparse.linalg.lsqr
/// (which scikit-learn's Ridge(solver='lsqr') calls), with its stopping rules: atol, btol, conlim = 1e8 and iter_lim.
/// </summary>
internal static class Lsqr
{
    private const double Eps = 2.220446049250313e-16;

    public sealed record Result(double[] X, int Iterations, int StopReason);

    public static Result Solve(ILinearOperator a, ReadOnlySpan<double> b, double damp, double atol, double btol, int? iterLimit, double conditionLimit = 1e8)
    {
        int m = a.Rows, n = a.Cols;
        int limit = iterLimit ?? 2 * n;
        double ctol = conditionLimit > 0 ? 1 / conditionLimit : 0;
        double anorm = 0, acond = 0, dampsq = damp * damp, ddnorm = 0, res2 = 0, xxnorm = 0, z = 0, cs2 = -1, sn2 = 0;
        var x = new double[n];
        var u = b.ToArray();
        var v = new double[n];
        var w = new double[n];
        var scratchM = new double[m];
        var atu = new double[n];
        double bnorm = Norm(u);
        double beta = bnorm, alfa = 0;
        if (beta > 0)
        {
            TensorPrimitives.Multiply<double>(u, 1 / beta, u);
            a.MultiplyTransposed(u, v);
            alfa = Norm(v);
        }
        if (alfa > 0) TensorPrimitives.Multiply<double>(v, 1 / alfa, v);
        v.CopyTo(w, 0);
        double rhobar = alfa, phibar = beta;
        if (alfa * beta == 0) return new Result(x, 0, 0);

        int itn = 0, istop = 0;
        while (itn < limit)
        {
            itn++;
            Execution.FitInterruption.Check();
            a.Multiply(v, scratchM);
            TensorPrimitives.MultiplyAdd<double>(u, -alfa, scratchM, u);
            beta = Norm(u);
            if (beta > 0)
            {
                TensorPrimitives.Multiply<double>(u, 1 / beta, u);
                anorm = Math.Sqrt(anorm * anorm + alfa * alfa + beta * beta + dampsq);
                a.MultiplyTransposed(u, atu);
                TensorPrimitives.MultiplyAdd<double>(v, -beta, atu, v);
                alfa = Norm(v);
                if (alfa > 0) TensorPrimitives.Multiply<double>(v, 1 / alfa, v);
            }

            double rhobar1, psi;
            if (damp > 0)
            {
                rhobar1 = Math.Sqrt(rhobar * rhobar + dampsq);
                double cs1 = rhobar / rhobar1, sn1 = damp / rhobar1;
                psi = sn1 * phibar;
                phibar = cs1 * phibar;
            }
            else
            {
                rhobar1 = rhobar;
                psi = 0;
            }
            var (cs, sn, rho) = SymOrtho(rhobar1, beta);
            double theta = sn * alfa;
            rhobar = -cs * alfa;
            double phi = cs * phibar;
            phibar = sn * phibar;
            double tau = sn * phi;
            double t1 = phi / rho, t2 = -theta / rho;
            ddnorm += TensorPrimitives.Dot<double>(w, w) / (rho * rho);
            TensorPrimitives.MultiplyAdd<double>(w, t1, x, x);
            TensorPrimitives.MultiplyAdd<double>(w, t2, v, w);

            double delta = sn2 * rho, gambar = -cs2 * rho, rhs = phi - delta * z, zbar = rhs / gambar;
            double xnorm = Math.Sqrt(xxnorm + zbar * zbar);
            double gamma = Math.Sqrt(gambar * gambar + theta * theta);
            cs2 = gambar / gamma;
            sn2 = theta / gamma;
            z = rhs / gamma;
            xxnorm += z * z;
            acond = anorm * Math.Sqrt(ddnorm);
            double res1 = phibar * phibar;
            res2 += psi * psi;
            double rnorm = Math.Sqrt(res1 + res2);
            double arnorm = alfa * Math.Abs(tau);

            double test1 = rnorm / bnorm;
            double test2 = arnorm / (anorm * rnorm + Eps);
            double test3 = 1 / (acond + Eps);
            double t1Test = test1 / (1 + anorm * xnorm / bnorm);
            double rtol = btol + atol * anorm * xnorm / bnorm;
            if (itn >= limit) istop = 7;
            if (1 + test3 <= 1) istop = 6;
            if (1 + test2 <= 1) istop = 5;
            if (1 + t1Test <= 1) istop = 4;
            if (test3 <= ctol) istop = 3;
            if (test2 <= atol) istop = 2;
            if (test1 <= rtol) istop = 1;
            if (istop != 0) break;
        }
        return new Result(x, itn, istop);
    }

    /// <summary>A stable Givens rotation (scipy's _sym_ortho): returns c, s, r with [c s; -s c] [a; b] = [r; 0].</summary>
    private static (double C, double S, double R) SymOrtho(double a, double b)
    {
        if (b == 0) return (Math.Sign(a) == 0 ? 1 : Math.Sign(a), 0, Math.Abs(a));
        if (a == 0) return (0, Math.Sign(b), Math.Abs(b));
        if (Math.Abs(b) > Math.Abs(a))
        {
            double tau = a / b;
            double s = Math.Sign(b) / Math.Sqrt(1 + tau * tau);
            return (s * tau, s, b / s);
        }
        else
        {
            double tau = b / a;
            double c = Math.Sign(a) / Math.Sqrt(1 + tau * tau);
            return (c, c * tau, a / c);
        }
    }

    private static double Norm(ReadOnlySpan<double> v) => TensorPrimitives.Norm<double>(v);
}
