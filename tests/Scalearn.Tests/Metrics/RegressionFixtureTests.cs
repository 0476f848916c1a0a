using Scalearn.Metrics;

namespace Scalearn.Tests.Metrics;

public class RegressionFixtureTests
{
    [Fact]
    public void Percentage_error_explained_variance_and_rmse_match_scikit_learn()
    {
        foreach (var c in Fixture.Load("Metrics", "metrics.json").GetProperty("regression").EnumerateArray())
        {
            double[] yTrue = c.GetProperty("y_true").Numbers(), yPred = c.GetProperty("y_pred").Numbers();
            Assert.Equal(c.GetProperty("mape").GetDouble(), RegressionMetrics.MeanAbsolutePercentageError(yTrue, yPred), 12);
            Assert.Equal(c.GetProperty("explained_variance").GetDouble(), RegressionMetrics.ExplainedVarianceScore(yTrue, yPred), 12);
            Assert.Equal(c.GetProperty("rmse").GetDouble(), RegressionMetrics.RootMeanSquaredError(yTrue, yPred), 12);
        }
    }

    [Fact]
    public void Zero_true_value_divides_by_machine_epsilon()
    {
        double mape = RegressionMetrics.MeanAbsolutePercentageError([0.0, 1.0], [1.0, 1.0]);
        Assert.Equal(0.5 / ClassificationMetrics.Float64Eps, mape, 1e-3 * mape);
    }

    [Fact]
    public void Explained_variance_ignores_a_constant_bias_that_r2_penalizes()
    {
        double[] yTrue = [1, 2, 3, 4], yPred = [2, 3, 4, 5];
        Assert.Equal(1.0, RegressionMetrics.ExplainedVarianceScore(yTrue, yPred), 12);
        Assert.True(RegressionMetrics.R2(yTrue, yPred) < 0.5);
    }

    [Fact]
    public void Length_mismatch_is_refused()
    {
        Assert.Contains("y_pred has 1", Assert.Throws<ArgumentException>(() => RegressionMetrics.ExplainedVarianceScore([1, 2], [1])).Message);
    }
}
