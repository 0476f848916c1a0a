namespace Scalearn.Metrics;

/// <summary>Regression metrics with scikit-learn 1.2.1 semantics.</summary>
public static class RegressionMetrics
{
    /// <summary>Coefficient of determination; a constant target gives 1 for a perfect fit, else 0 (force_finite).</summary>
    public static double R2(IReadOnlyList<double> yTrue, IReadOnlyList<double> yPred)
    {
        ClassificationMetrics.CheckLengths(yTrue, yPred);
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
}
