using Scalearn.Data;
using Scalearn.Metrics;

namespace Scalearn.Tests.Metrics;

// Expected values computed once with scikit-learn 1.2.1 on the same vectors.
public class MetricsTests
{
    private static readonly double[] YTrue = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0];
    private static readonly double[] YPred = [0, 2, 2, 1, 1, 0, 2, 0, 1, 0];

    private static readonly Matrix Proba = Matrix.FromRows([
        [0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3], [0.1, 0.8, 0.1],
        [0.5, 0.5, 0.0], [0.0, 0.1, 0.9], [0.4, 0.4, 0.2], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1]]);

    [Fact]
    public void ClassificationMetricsMatchScikitLearn()
    {
        Assert.Equal(0.7, ClassificationMetrics.Accuracy(YTrue, YPred), 12);
        Assert.Equal(0.7222222222222222, ClassificationMetrics.BalancedAccuracy(YTrue, YPred), 12);
        Assert.Equal(0.6984126984126985, ClassificationMetrics.F1Macro(YTrue, YPred), 12);
        Assert.Equal(0.6857142857142857, ClassificationMetrics.F1Weighted(YTrue, YPred), 12);
    }

    [Fact]
    public void LabelsOnlyPredictedCountWithZeroF1()
    {
        double[] yTrue = [0, 0, 1, 1, 1], yPred = [0, 2, 1, 1, 0];
        Assert.Equal(0.43333333333333335, ClassificationMetrics.F1Macro(yTrue, yPred), 12);
        Assert.Equal(0.68, ClassificationMetrics.F1Weighted(yTrue, yPred), 12);
        Assert.Equal(0.5833333333333333, ClassificationMetrics.BalancedAccuracy(yTrue, yPred), 12);
    }

    [Fact]
    public void RocAucBinaryHandlesTies()
    {
        double[] y = [0, 0, 1, 1, 0, 1, 1, 0];
        double[] scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.05];
        Assert.Equal(0.75, RocAuc.Binary(y, scores, 1.0), 12);
    }

    [Fact]
    public void RocAucOneVsRestMacro() =>
        Assert.Equal(0.9206349206349206, RocAuc.OneVsRestMacro(YTrue, Proba, [0, 1, 2]), 12);

    [Fact]
    public void RocAucWithOneClassIsAnError() =>
        Assert.Throws<ArgumentException>(() => RocAuc.Binary([1.0, 1.0], [0.2, 0.3], 1.0));

    [Fact]
    public void LogLossMatchesScikitLearnIncludingClipping()
    {
        Assert.Equal(0.6080888723467455, ClassificationMetrics.LogLoss(YTrue, Proba, [0, 1, 2]), 12);
        double[] y = [0, 0, 1, 1, 0, 1, 1, 0];
        double[] s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.05];
        var binary = Matrix.FromRows(s.Select(p => new[] { 1 - p, p }).ToArray());
        binary[0, 0] = 1.0; binary[0, 1] = 0.0;
        Assert.Equal(0.5075885807280434, ClassificationMetrics.LogLoss(y, binary, [0, 1]), 12);
        binary[2, 0] = 1.0; binary[2, 1] = 0.0; // a true positive given probability 0: clipped to eps
        Assert.Equal(4.8818174888053525, ClassificationMetrics.LogLoss(y, binary, [0, 1]), 10);
    }

    [Fact]
    public void RegressionMetricsMatchScikitLearn()
    {
        double[] yTrue = [3.0, -0.5, 2.0, 7.0, 4.2], yPred = [2.5, 0.0, 2.1, 7.8, 3.9];
        Assert.Equal(0.9594665271966527, RegressionMetrics.R2(yTrue, yPred), 12);
        Assert.Equal(0.24799999999999994, RegressionMetrics.MeanSquaredError(yTrue, yPred), 12);
        Assert.Equal(0.44000000000000006, RegressionMetrics.MeanAbsoluteError(yTrue, yPred), 12);
        Assert.Equal(1.0, RegressionMetrics.R2([2.0, 2.0], [2.0, 2.0]));
        Assert.Equal(0.0, RegressionMetrics.R2([2.0, 2.0], [1.0, 2.0]));
        Assert.True(double.IsNaN(RegressionMetrics.R2([2.0], [1.0])));   // r2_score: "not well-defined with less than two samples"
    }

    [Fact]
    public void MismatchedLengthsAreRejected() =>
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([1.0, 2.0], [1.0]));
}
