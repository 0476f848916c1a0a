namespace Scalearn.Linear;

/// <summary>
/// scikit-learn's liblinear path for LogisticRegression: one-vs-rest problems (binary: one) on the features extended by
/// a constant intercept_scaling, whose weight is penalized like the others (LIBLINEAR's intercept):
/// minimize sum_i c_i s_i log(1 + exp(-y_i w.x~_i)) + (1/(2C)) ||w||^2 (l2) or (1/C) ||w||_1 (l1), where c_i is the class
/// weight of the row's class for the positive class and, as in LIBLINEAR's one-vs-rest, 1 for the other rows of a
/// multiclass problem. intercept_ = intercept_scaling * w_last.
/// </summary>
internal static class LogisticLiblinear
{
    public static (double[] Coef, double Intercept) Solve(double[] x, int n, int p, int[] classIndex, int positive, double[] classWeights,
        bool binary, LogisticPenalty penalty, double c, double interceptScaling, bool fitIntercept, double tol, int maxIter, int verbose)
    {
        int q = p + (fitIntercept ? 1 : 0);
        var extended = x;
        if (fitIntercept)
        {
            extended = new double[n * q];
            for (int i = 0; i < n; i++)
            {
                x.AsSpan(i * p, p).CopyTo(extended.AsSpan(i * q, p));
                extended[i * q + p] = interceptScaling;
            }
        }
        var weights = new double[n];
        var signs = new double[n];
        int positives = 0;
        for (int i = 0; i < n; i++)
        {
            bool isPositive = classIndex[i] == positive;
            signs[i] = isPositive ? 1 : -1;
            positives += isPositive ? 1 : 0;
            weights[i] = isPositive || binary ? classWeights[classIndex[i]] : 1.0;
        }
        double[] w;
        if (penalty == LogisticPenalty.L1)
        {
            var solver = new LogisticL1Newton(extended, n, q, signs, weights, 1.0 / c, 0, fitIntercept: false);
            w = solver.Minimize(new double[q], tol, maxIter, verbose, positives, n - positives).W;
        }
        else
        {
            var objective = LogisticObjective.Binary(extended, n, q, classIndex, positive, weights, 1.0 / c, fitIntercept: false);
            w = LogisticNewton.Liblinear(objective, new double[q], tol, maxIter, verbose, positives, n - positives).W;
        }
        return (w[..p], fitIntercept ? interceptScaling * w[p] : 0.0);
    }
}
