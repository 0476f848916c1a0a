using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Tests.Linear;

public class LinearRegressorTests
{
    private static Dataset Line()
    {
        var rows = new[] { new[] { 1.0, 2.0 }, new[] { 2.0, 0.5 }, new[] { -1.0, 4.0 }, new[] { 3.0, 3.0 }, new[] { 0.0, -2.0 } };
        return new Dataset(Matrix.FromRows(rows), rows.Select(r => 2 * r[0] - 3 * r[1] + 5).ToArray());
    }

    [Fact]
    public void LinearRegressionFitsAnExactPlane()
    {
        var model = (LinearRegressorModel)new LinearRegression().Fit(Line());
        Assert.Equal(2.0, model.Coef[0], 10);
        Assert.Equal(-3.0, model.Coef[1], 10);
        Assert.Equal(5.0, model.Intercept, 10);
        Assert.Equal(1.0, model.Score(Line()), 12);
    }

    [Fact]
    public void LinearRegressionWithoutInterceptGoesThroughTheOrigin()
    {
        var x = Matrix.FromRows([[1.0], [2.0], [3.0]]);
        var model = (LinearRegressorModel)new LinearRegression { FitIntercept = false }.Fit(new Dataset(x, [2.0, 4.0, 7.0]));
        Assert.Equal(0.0, model.Intercept);
        Assert.Equal((2 + 8 + 21) / 14.0, model.Coef[0], 12);
    }

    [Fact]
    public void CollinearFeaturesGiveTheMinimumNormSolution()
    {
        var x = Matrix.FromRows([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [4.0, 8.0]]);
        var model = (LinearRegressorModel)new LinearRegression().Fit(new Dataset(x, [3.0, 6.0, 9.0, 12.0]));
        Assert.Equal(0.6, model.Coef[0], 8);
        Assert.Equal(1.2, model.Coef[1], 8);
    }

    [Fact]
    public void RidgeDirectKernelAndIterativeSolversAgree()
    {
        var rng = new Scalearn.Numerics.Rng(3);
        var wide = new Matrix(20, 40);
        for (int i = 0; i < wide.Values.Length; i++) wide.Values[i] = rng.NextGaussian();
        var y = Enumerable.Range(0, 20).Select(_ => rng.NextGaussian()).ToArray();
        var data = new Dataset(wide, y);
        var direct = (LinearRegressorModel)new Ridge { Alpha = 0.5 }.Fit(data);
        var iterative = (LinearRegressorModel)new Ridge { Alpha = 0.5, Solver = RidgeSolver.Lsqr, Tol = 1e-12 }.Fit(data);
        LinearTestHelpers.AssertAllClose(direct.Coef, iterative.Coef, 1e-6, "coef");
        Assert.Equal(direct.Intercept, iterative.Intercept, 6);
    }

    [Fact]
    public void LassoWithLargeAlphaKeepsOnlyTheIntercept()
    {
        var data = TestData.Load("diabetes");
        var model = (LinearRegressorModel)new Lasso { Alpha = 1e6 }.Fit(data);
        Assert.All(model.Coef, c => Assert.Equal(0.0, c));
        Assert.Equal(data.RequireTarget().Average(), model.Intercept, 8);
    }

    [Fact]
    public void RandomSelectionIsDeterministicAndReachesTheCyclicSolution()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("diabetes"));
        var cyclic = (LinearRegressorModel)new ElasticNet { Alpha = 0.1, Tol = 1e-10, MaxIter = 100000 }.Fit(data);
        ElasticNet Random() => new() { Alpha = 0.1, Tol = 1e-10, MaxIter = 100000, Selection = CoordinateSelection.Random, RandomState = 4 };
        var first = (LinearRegressorModel)Random().Fit(data);
        var second = (LinearRegressorModel)Random().Fit(data);
        Assert.Equal(first.Coef, second.Coef);
        LinearTestHelpers.AssertAllClose(cyclic.Coef, first.Coef, 1e-5, "coef");
    }

    [Fact]
    public void NaNInTheFeaturesIsRejectedWithItsPosition()
    {
        var x = Matrix.FromRows([[1.0, 2.0], [double.NaN, 1.0], [3.0, 0.0]]);
        var error = Assert.Throws<ArgumentException>(() => new Ridge().Fit(new Dataset(x, [1.0, 2.0, 3.0])));
        Assert.Contains("NaN", error.Message);
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void PredictingWithAnotherFeatureCountNamesBothCounts()
    {
        var model = (IPredictor)new LinearRegression().Fit(Line());
        var error = Assert.Throws<ArgumentException>(() => model.Predict(new Matrix(2, 3)));
        Assert.Contains("3", error.Message);
        Assert.Contains("2", error.Message);
    }

    [Theory]
    [InlineData("ridge", "alpha", -1.0)]
    [InlineData("lasso", "tol", -0.5)]
    [InlineData("elastic_net", "l1_ratio", 1.5)]
    public void OutOfRangeParametersAreRejectedByName(string estimator, string parameter, double value)
    {
        var error = Assert.Throws<ParameterException>(() => EstimatorRegistry.Create(estimator).SetParam(parameter, value));
        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public void RegressorModelsRoundTripThroughTheirPayload()
    {
        var data = TestData.Load("diabetes");
        var model = (LinearRegressorModel)new ElasticNet { Alpha = 0.1 }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var restored = LinearRegressorModel.ReadPayload(new BinaryReader(stream), 1);
        Assert.Equal(model.Coef, restored.Coef);
        Assert.Equal(model.Predict(data), restored.Predict(data));
    }
}
