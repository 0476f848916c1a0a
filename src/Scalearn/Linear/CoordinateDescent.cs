using System.Numerics.Tensors;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// scikit-learn's enet_coordinate_descent for dense data: minimizes
/// 0.5 ||y - Xw||^2 + l1 ||w||_1 + 0.5 l2 ||w||^2 (l1 = alpha l1_ratio n, l2 = alpha (1 - l1_ratio) n),
/// stopping when the duality gap falls below tol * ||y||^2.
/// </summary>
internal static class CoordinateDescent
{
    /// <param name="positive">Keep every coefficient >= 0 (scikit-learn's positive=True).</param>
    /// <param name="start">Starting coefficients (warm start), or null for zeros.</param>
    public static (double[] Coef, int Iterations, double Gap) Solve(CenteredProblem problem, double alpha, double l1Ratio,
        int maxIter, double tol, CoordinateSelection selection, Rng rng, bool positive = false, double[]? start = null)
    {
        int n = problem.Rows, p = problem.Cols;
        double l1 = alpha * l1Ratio * n, l2 = alpha * (1 - l1Ratio) * n;
        var columns = new double[p * n];
        for (int i = 0; i < n; i++)
        {
            var row = problem.Row(i);
            for (int j = 0; j < p; j++) columns[j * n + i] = row[j];
        }
        var y = problem.Y;
        var w = start is null ? new double[p] : (double[])start.Clone();
        var residual = (double[])y.Clone();
        for (int j = 0; j < p; j++)
            if (w[j] != 0) TensorPrimitives.MultiplyAdd<double>(Column(columns, j, n), -w[j], residual, residual);
        var columnNorms = new double[p];
        for (int j = 0; j < p; j++) columnNorms[j] = TensorPrimitives.Dot<double>(Column(columns, j, n), Column(columns, j, n));
        double gapTolerance = tol * TensorPrimitives.Dot<double>(y, y);
        double gap = gapTolerance + 1;
        int iteration = 0;
        for (; iteration < maxIter; iteration++)
        {
            Execution.FitInterruption.Check();
            double wMax = 0, dwMax = 0;
            for (int step = 0; step < p; step++)
            {
                int j = selection == CoordinateSelection.Random ? rng.NextInt(p) : step;
                if (columnNorms[j] == 0) continue;
                var column = Column(columns, j, n);
                double old = w[j];
                if (old != 0) TensorPrimitives.MultiplyAdd<double>(column, old, residual, residual);
                double rho = TensorPrimitives.Dot<double>(column, residual);
                double updated = positive && rho < 0 ? 0 : Math.Sign(rho) * Math.Max(Math.Abs(rho) - l1, 0) / (columnNorms[j] + l2);
                w[j] = updated;
                if (updated != 0) TensorPrimitives.MultiplyAdd<double>(column, -updated, residual, residual);
                dwMax = Math.Max(dwMax, Math.Abs(updated - old));
                wMax = Math.Max(wMax, Math.Abs(updated));
            }
            if (wMax == 0 || dwMax / wMax < tol || iteration == maxIter - 1)
            {
                gap = DualityGap(columns, n, p, w, residual, y, l1, l2, positive);
                if (gap < gapTolerance) { iteration++; break; }
            }
        }
        return (w, Math.Min(iteration, maxIter), gap);
    }

    private static ReadOnlySpan<double> Column(double[] columns, int j, int n) => columns.AsSpan(j * n, n);

    private static double DualityGap(double[] columns, int n, int p, double[] w, double[] residual, double[] y, double l1, double l2, bool positive)
    {
        // With positive=True only positive correlations can enter, so the dual norm is the largest one (scikit-learn).
        double dualNorm = 0;
        for (int j = 0; j < p; j++)
        {
            double correlation = TensorPrimitives.Dot<double>(Column(columns, j, n), residual) - l2 * w[j];
            dualNorm = Math.Max(dualNorm, positive ? correlation : Math.Abs(correlation));
        }
        double residualNorm2 = TensorPrimitives.Dot<double>(residual, residual);
        double wNorm2 = TensorPrimitives.Dot<double>(w, w);
        double scale, gap;
        if (dualNorm > l1)
        {
            scale = l1 / dualNorm;
            gap = 0.5 * (residualNorm2 + residualNorm2 * scale * scale);
        }
        else
        {
            scale = 1;
            gap = residualNorm2;
        }
        double l1Norm = TensorPrimitives.SumOfMagnitudes<double>(w);
        return gap + l1 * l1Norm - scale * TensorPrimitives.Dot<double>(residual, y) + 0.5 * l2 * (1 + scale * scale) * wNorm2;
    }
}
