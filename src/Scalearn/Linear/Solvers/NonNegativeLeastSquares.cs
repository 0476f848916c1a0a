using System.Numerics.Tensors;

namespace Scalearn.Linear.Solvers;

/// <summary>
/// argmin ||X w - y|| subject to w >= 0 by the active-set method of Lawson and Hanson (scipy's nnls, which scikit-learn's
/// LinearRegression(positive=True) calls). Each subproblem on the free columns is solved by
/// <see cref="MinimumNormLeastSquares"/> and the entering column is the one whose gradient is largest relative to its
/// norm, so neither the path nor the answer depends on the units of the columns.
/// </summary>
internal static class NonNegativeLeastSquares
{
    public static double[] Solve(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int rows, int cols)
    {
        var norms = MinimumNormLeastSquares.ColumnNorms(x, rows, cols);
        var w = new double[cols];
        var free = new bool[cols];
        var rejected = new bool[cols];
        var residual = new double[rows];
        var gradient = new double[cols];
        int maxIterations = 10 * cols + 30;
        for (int iteration = 0; ; iteration++)
        {
            if (iteration > maxIterations)
                throw new ArithmeticException($"Non-negative least squares did not converge in {maxIterations} iterations.");
            Execution.FitInterruption.Check();
            Gradient(x, y, w, rows, cols, residual, gradient);
            double residualNorm = Math.Sqrt(TensorPrimitives.Dot<double>(residual, residual));
            int entering = -1;
            double best = 0;
            for (int j = 0; j < cols; j++)
            {
                if (free[j] || rejected[j] || norms[j] == 0) continue;
                double relative = gradient[j] / (norms[j] * residualNorm);
                if (relative > Math.Max(rows, cols) * 2.220446049250313e-16 && relative > best) { best = relative; entering = j; }
            }
            if (entering < 0) return w;
            free[entering] = true;
            for (bool first = true; ; first = false)
            {
                var z = SolveOnFree(x, y, rows, cols, free);
                if (first && z[entering] <= 0)
                {
                    // Rounding made the entering column useless after all: leave it out until the free set changes.
                    free[entering] = false;
                    rejected[entering] = true;
                    break;
                }
                bool feasible = true;
                double step = 1.0;
                for (int j = 0; j < cols; j++)
                {
                    if (!free[j] || z[j] > 0) continue;
                    feasible = false;
                    step = Math.Min(step, w[j] / (w[j] - z[j]));
                }
                if (feasible)
                {
                    Array.Copy(z, w, cols);
                    Array.Clear(rejected);
                    break;
                }
                for (int j = 0; j < cols; j++)
                {
                    if (!free[j]) continue;
                    w[j] += step * (z[j] - w[j]);
                    if (w[j] <= 0 || (z[j] <= 0 && w[j] <= 1e-15 * Math.Abs(z[j] - w[j])))
                    {
                        w[j] = 0;
                        free[j] = false;
                    }
                }
                Array.Clear(rejected);
            }
        }
    }

    private static void Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] w, int rows, int cols, double[] residual, double[] gradient)
    {
        Array.Clear(gradient);
        for (int i = 0; i < rows; i++)
        {
            var row = x.Slice(i * cols, cols);
            residual[i] = y[i] - TensorPrimitives.Dot<double>(row, w);
            if (residual[i] != 0) TensorPrimitives.MultiplyAdd<double>(row, residual[i], gradient, gradient);
        }
    }

    private static double[] SolveOnFree(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int rows, int cols, bool[] free)
    {
        var columns = Enumerable.Range(0, cols).Where(j => free[j]).ToArray();
        int k = columns.Length;
        var sub = new double[rows * k];
        for (int i = 0; i < rows; i++)
            for (int c = 0; c < k; c++) sub[i * k + c] = x[i * cols + columns[c]];
        var solution = MinimumNormLeastSquares.Solve(sub, y, rows, k).Coef;
        var z = new double[cols];
        for (int c = 0; c < k; c++) z[columns[c]] = solution[c];
        return z;
    }
}
