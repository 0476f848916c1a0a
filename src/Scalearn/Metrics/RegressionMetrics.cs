namespace Scalearn.Metrics;

/// <summary>Regression metrics with scikit-learn 1.2.1 semantics.</summary>
public static class RegressionMetrics
{
    /// <summary>
    /// Coefficient of determination; a constant target gives 1 for a perfect fit, else 0 (force_finite); fewer than two
    /// samples give NaN (not well-defined, as in scikit-learn: a progressive score of a one-row chunk is then skipped).
    /// </summary>
    public static double R2(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
        if (yTrue.Count < 2) return double.NaN;
        double mean = 0;
        for (int i = 0; i < yTrue.Count; i++) mean += yTrue[i];
        mean /= yTrue.Count;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < yTrue.Count; i++)
        {
            ssRes += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i]);
            ssTot += (yTrue[i] - mean) * (yTrue[i] - mean);
        }
        return ssTot == 0 ? (ssRes == 0 ? 1.0 : 0.0) : 1 - ssRes / ssTot;
    }

    public static double MeanSquaredError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.Count; i++) sum += (yTrue[i] - yPred[i]) * (yTrue[i] - yPred[i]);
        return sum / yTrue.Count;
    }

    public static double MeanAbsoluteError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.Count; i++) sum += Math.Abs(yTrue[i] - yPred[i]);
        return sum / yTrue.Count;
    }

    /// <summary>Square root of <see cref="MeanSquaredError"/>.</summary>
    public static double RootMeanSquaredError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred) =>
        Math.Sqrt(MeanSquaredError(yTrue, yPred));

    /// <summary>
    /// Mean of |y_true - y_pred| / max(|y_true|, eps) (a fraction, not a percentage): like scikit-learn, a zero true
    /// value divides by machine epsilon instead of failing, so the result is huge rather than infinite.
    /// </summary>
    public static double MeanAbsolutePercentageError(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
        double sum = 0;
        for (int i = 0; i < yTrue.Count; i++)
            sum += Math.Abs(yPred[i] - yTrue[i]) / Math.Max(Math.Abs(yTrue[i]), ClassificationMetrics.Float64Eps);
        return sum / yTrue.Count;
    }

    /// <summary>
    /// 1 - Var(y_true - y_pred) / Var(y_true); unlike R^2 a constant bias is not penalized. A constant target gives 1
    /// for residuals of zero variance, else 0 (force_finite).
    /// </summary>
    public static double ExplainedVarianceScore(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
        int n = yTrue.Count;
        double meanTrue = 0, meanError = 0;
        for (int i = 0; i < n; i++) { meanTrue += yTrue[i]; meanError += yTrue[i] - yPred[i]; }
        meanTrue /= n;
        meanError /= n;
        double numerator = 0, denominator = 0;
        for (int i = 0; i < n; i++)
        {
            double e = yTrue[i] - yPred[i] - meanError, d = yTrue[i] - meanTrue;
            numerator += e * e;
            denominator += d * d;
        }
        if (denominator == 0) return numerator == 0 ? 1.0 : 0.0;
        return 1 - numerator / denominator;
    }
}
