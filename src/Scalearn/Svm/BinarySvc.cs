using System.Runtime.CompilerServices;
namespace Scalearn.Svm;

/// <summary>A trained two-class C-SVC: signed coefficients alpha_i y_i per sub-problem row and the offset rho.</summary>
internal readonly record struct BinarySvcSolution(double[] Coefficients, double Rho)
{
    /// <summary>Decision value for training row <paramref name="row"/> of the kernel matrix (positive means label +1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Decide(KernelMatrix kernel, int[] rows, int row)
    {
        double sum = -Rho;
        var coef = Coefficients;
        for (int s = 0; s < coef.Length; s++)
            if (coef[s] != 0) sum += coef[s] * kernel.Value(rows[s], row);
        return sum;
    }
}

/// <summary>Trains binary C-SVC sub-problems (libsvm's solve_c_svc).</summary>
internal static class BinarySvc
{
    /// <param name="rows">Training rows of the kernel matrix.</param>
    /// <param name="y">+1 / -1 per row.</param>
    /// <param name="cp">Upper bound for the +1 class.</param>
    /// <param name="cn">Upper bound for the -1 class.</param>
    public static BinarySvcSolution Train(KernelMatrix kernel, int[] rows, sbyte[] y, double cp, double cn, SolverSettings settings)
    {
        int l = rows.Length;
        var alpha = new double[l];
        var p = new double[l];
        Array.Fill(p, -1.0);
        using var q = new ClassificationQ(kernel, rows, y, settings.CacheBytes);
        var result = SmoSolver.Solve(q, p, y, alpha, cp, cn, settings.Tolerance, settings.Shrinking, settings.MaxIter);
        for (int i = 0; i < l; i++) alpha[i] *= y[i];
        return new BinarySvcSolution(alpha, result.Rho);
    }
}
