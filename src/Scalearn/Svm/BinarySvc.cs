using System.Runtime.CompilerServices;
namespace Scalearn.Svm;

/// <summary>A trained two-class C-SVC: signed coefficients alpha_i y_i per sub-problem row and the offset rho.</summary>
internal readonly record struct BinarySvcSolution(double[] Coefficients, double Rho)
{
    /// <summary>Decision values for training rows <paramref name="targets"/> of the kernel matrix (positive means label +1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Decide(KernelMatrix kernel, int[] rows, ReadOnlySpan<int> targets, Span<double> decisions)
    {
        var supportRows = new List<int>();
        var supportCoef = new List<double>();
        for (int s = 0; s < Coefficients.Length; s++)
        {
            if (Coefficients[s] == 0) continue;
            supportRows.Add(rows[s]);
            supportCoef.Add(Coefficients[s]);
        }
        var kvalue = new double[supportRows.Count];
        var coef = supportCoef.ToArray();
        for (int t = 0; t < targets.Length; t++)
        {
            kernel.Row(targets[t], System.Runtime.InteropServices.CollectionsMarshal.AsSpan(supportRows), kvalue);
            double sum = -Rho;
            for (int s = 0; s < coef.Length; s++) sum += coef[s] * kvalue[s];
            decisions[t] = sum;
        }
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
        using var q = new ClassificationQ(kernel, rows, settings.CacheBytes);
        var result = SmoSolver.Solve(q, p, y, alpha, cp, cn, settings.Tolerance, settings.Shrinking, settings.MaxIter, settings.Verbose);
        for (int i = 0; i < l; i++) alpha[i] *= y[i];
        return new BinarySvcSolution(alpha, result.Rho);
    }
}
