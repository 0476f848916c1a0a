using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Numerics;

namespace Scalearn.Tests.Linear;

public class SgdTests
{
    internal static Dataset LinearData(int rows, int features, int seed, double noise = 0.0)
    {
        var rng = new Rng(seed);
        var w = Enumerable.Range(0, features).Select(_ => rng.NextGaussian()).ToArray();
        var x = new Matrix(rows, features);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < features; j++) x[i, j] = rng.NextGaussian();
            y[i] = System.Numerics.Tensors.TensorPrimitives.Dot<double>(x.Row(i), w) + 1.5 + noise * rng.NextGaussian();
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void RegressorLearnsALinearFunction()
    {
        var data = LinearData(2000, 5, 1);
        var model = (LinearRegressorModel)new SGDRegressor { RandomState = 0 }.Fit(data);
        Assert.True(model.Score(data) > 0.999, $"R2 {model.Score(data)}");
        Assert.Equal(1.5, model.Intercept, 1);
    }

    [Theory]
    [InlineData("huber")]
    [InlineData("squared_error")]
    [InlineData("epsilon_insensitive")]
    [InlineData("squared_epsilon_insensitive")]
    public void RegressionLossesComeCloseToLeastSquares(string loss)
    {
        var data = LinearData(2000, 5, 2, noise: 0.1);
        var estimator = new SGDRegressor { RandomState = 0, Eta0 = 0.05 };
        estimator.SetParam("loss", loss);
        double r2 = ((IPredictor)estimator.Fit(data)).Score(data);
        double best = ((IPredictor)new LinearRegression().Fit(data)).Score(data);
        Assert.True(r2 > best - 0.01, $"R2 {r2}, least squares {best}");
    }

    [Fact]
    public void SameRandomStateGivesTheSameModelAndAnotherDiffers()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("iris"));
        LinearClassifierModel Fit(int seed) => (LinearClassifierModel)new SGDClassifier { RandomState = seed }.Fit(data);
        Assert.Equal(Fit(7).Coef.Values, Fit(7).Coef.Values);
        Assert.NotEqual(Fit(7).Coef.Values, Fit(8).Coef.Values);
    }

    [Fact]
    public void HingeHasNoProbabilitiesButLogLossAndModifiedHuberDo()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("wine"));
        var hinge = (LinearClassifierModel)new SGDClassifier { RandomState = 0 }.Fit(data);
        Assert.Contains("hinge", Assert.Throws<InvalidOperationException>(() => hinge.PredictProba(data)).Message);
        Assert.True(hinge.Score(data) > 0.95);
        foreach (var loss in new[] { SgdLoss.LogLoss, SgdLoss.ModifiedHuber })
        {
            var model = (LinearClassifierModel)new SGDClassifier { RandomState = 0, Loss = loss }.Fit(data);
            var proba = model.PredictProba(data);
            for (int i = 0; i < data.Count; i++) Assert.Equal(1.0, proba.Row(i).ToArray().Sum(), 10);
            Assert.True(model.Score(data) > 0.9);
        }
    }

    [Theory]
    [InlineData("l1")]
    [InlineData("elasticnet")]
    [InlineData("none")]
    public void PenaltiesTrainUsableClassifiers(string penalty)
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var estimator = new SGDClassifier { RandomState = 0 };
        estimator.SetParam("penalty", penalty);
        Assert.True(((IPredictor)estimator.Fit(data)).Score(data) > 0.95);
    }

    [Fact]
    public void L1PenaltyZeroesSomeWeights()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var model = (LinearClassifierModel)new SGDClassifier { RandomState = 0, Penalty = SgdPenalty.L1, Alpha = 0.01 }.Fit(data);
        Assert.Contains(0.0, model.Coef.Values);
    }

    [Theory]
    [InlineData("constant")]
    [InlineData("invscaling")]
    [InlineData("adaptive")]
    public void LearningRateSchedulesWithEta0Work(string schedule)
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var estimator = new SGDClassifier { RandomState = 0, Eta0 = 0.01, Average = 1 };
        estimator.SetParam("learning_rate", schedule);
        Assert.True(((IPredictor)estimator.Fit(data)).Score(data) > 0.95);
    }

    [Fact]
    public void NonOptimalScheduleWithoutEta0IsRejected()
    {
        var estimator = new SGDClassifier { LearningRate = SgdLearningRate.Constant };
        Assert.Equal("eta0", Assert.Throws<ParameterException>(() => estimator.Fit(TestData.Load("iris"))).Parameter);
    }

    [Fact]
    public void RegressorRejectsClassificationLosses()
    {
        var error = Assert.Throws<ParameterException>(() => new SGDRegressor().SetParam("loss", "hinge"));
        Assert.Equal("loss", error.Parameter);
        Assert.Contains("squared_error", error.Message);
    }

    [Fact]
    public void EarlyStoppingTrainsAndRejectsAnEmptySplit()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var model = (IPredictor)new SGDClassifier { RandomState = 0, EarlyStopping = true }.Fit(data);
        Assert.True(model.Score(data) > 0.93);
        var tiny = new Dataset(Matrix.FromRows([[0.0], [1.0]]), [0.0, 1.0]);
        Assert.Throws<ArgumentException>(() => new SGDClassifier { EarlyStopping = true, ValidationFraction = 0.5 }.Fit(tiny));
    }

    [Fact]
    public void BalancedClassWeightFavoursTheMinorityClass()
    {
        var rng = new Rng(5);
        var x = new Matrix(400, 2);
        var y = new double[400];
        for (int i = 0; i < 400; i++)
        {
            y[i] = i < 40 ? 1 : 0;
            x[i, 0] = rng.NextGaussian() + (y[i] == 1 ? 1.0 : 0.0);
            x[i, 1] = rng.NextGaussian();
        }
        var data = new Dataset(x, y);
        var plain = (IPredictor)new SGDClassifier { RandomState = 0, Loss = SgdLoss.LogLoss }.Fit(data);
        var balanced = new SGDClassifier { RandomState = 0, Loss = SgdLoss.LogLoss, ClassWeight = ClassWeight.Balanced };
        var weighted = (IPredictor)balanced.Fit(data);
        Assert.True(weighted.Predict(data).Count(p => p == 1) > plain.Predict(data).Count(p => p == 1));
    }

    [Fact]
    public void SingleClassIsAClearError()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [2.0]]), [3.0, 3.0]);
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentException>(() => new SGDClassifier().Fit(data)).Message);
    }

    [Fact]
    public void RegistryCreatesTheSgdEstimatorsBySklearnNames()
    {
        Assert.IsType<SGDClassifier>(EstimatorRegistry.Create("sgd_classifier"));
        Assert.IsType<SGDRegressor>(EstimatorRegistry.Create("SGDRegressor"));
        var defaults = EstimatorRegistry.Create("sgd_regressor").GetParams();
        Assert.Equal("invscaling", defaults["learning_rate"]);
        Assert.Equal(0.25, defaults["power_t"]);
        Assert.Equal("optimal", EstimatorRegistry.Create("sgd_classifier").GetParams()["learning_rate"]);
    }
}
