using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Tests.Linear;

/// <summary>
/// Least squares on badly conditioned designs (columns scaled 1e-9 ... 1e9, constant and duplicated columns, more
/// features than rows): coefficients and predictions equal the exact rational solutions to 1e-8, and scikit-learn
/// 1.2.1's wherever scikit-learn itself is right (fixture "error" at most 1e-9; where it is not, the fixture records by
/// how much it misses).
/// </summary>
public class ConditioningTests
{
    private const double Relative = 1e-8;
    private const double SklearnAccurate = 1e-9;

    public static TheoryData<string> Designs() => new(ConditioningFixture.Names);

    public static TheoryData<string, string> DesignsAndRidgeSolvers()
    {
        var data = new TheoryData<string, string>();
        foreach (var design in ConditioningFixture.Names)
            foreach (var solver in new[] { "auto", "svd", "cholesky", "lsqr", "sparse_cg", "sag", "saga" })
                // SAG and SAGA are first-order methods whose rate depends on the scale of the features; like
                // scikit-learn's, they reach the solution in a practical number of epochs on standardized data only.
                if (solver is not ("sag" or "saga") || design.StartsWith("standardized", StringComparison.Ordinal))
                    data.Add(design, solver);
        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void LinearRegressionIsTheExactMinimumNormSolution(string design)
    {
        var f = ConditioningFixture.Load(design);
        var model = (LinearRegressorModel)new LinearRegression().Fit(f.Data);
        AssertAgrees(f, "linear_regression", "linear_regression", model, Relative);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void PositiveLinearRegressionIsTheExactNonNegativeSolution(string design)
    {
        var f = ConditioningFixture.Load(design);
        var model = (LinearRegressorModel)new LinearRegression { Positive = true }.Fit(f.Data);
        Assert.All(model.Coef, c => Assert.True(c >= 0));
        if (f.TryExact("linear_regression_positive", out _)) AssertAgrees(f, "linear_regression_positive", "linear_regression_positive", model, Relative);
    }

    [Theory]
    [MemberData(nameof(DesignsAndRidgeSolvers))]
    public void RidgeSolversReachTheExactSolution(string design, string solver)
    {
        var f = ConditioningFixture.Load(design);
        var ridge = new Ridge { Alpha = ConditioningFixture.Alpha };
        ridge.SetParam("solver", solver);
        bool iterative = solver is "lsqr" or "sparse_cg" or "sag" or "saga";
        if (iterative)
        {
            ridge.Tol = 1e-12;
            ridge.MaxIter = solver is "sag" or "saga" ? 20000 : 100000;
            ridge.RandomState = 0;
        }
        var model = (LinearRegressorModel)ridge.Fit(f.Data);
        AssertAgrees(f, "ridge", solver == "auto" ? "ridge_cholesky" : "ridge_" + solver, model, iterative ? 1e-7 : Relative);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void PositiveRidgeIsTheExactNonNegativeSolution(string design)
    {
        var f = ConditioningFixture.Load(design);
        var model = (LinearRegressorModel)new Ridge { Alpha = ConditioningFixture.Alpha, Positive = true }.Fit(f.Data);
        Assert.All(model.Coef, c => Assert.True(c >= 0));
        AssertAgrees(f, "ridge_positive", "ridge_positive", model, Relative);
    }

    [Theory]
    [InlineData(1e-9)]
    [InlineData(1e-6)]
    [InlineData(1e-3)]
    [InlineData(1e3)]
    [InlineData(1e6)]
    [InlineData(1e9)]
    public void RescalingAColumnRescalesOnlyItsCoefficient(double factor)
    {
        var data = TestData.Load("diabetes");
        var reference = (LinearRegressorModel)new LinearRegression().Fit(data);
        for (int j = 0; j < data.FeatureCount; j++)
        {
            var scaled = ScaleColumn(data, j, factor);
            var model = (LinearRegressorModel)new LinearRegression().Fit(scaled);
            var expected = reference.Coef;
            expected[j] /= factor;
            for (int k = 0; k < expected.Length; k++)
                Assert.True(Math.Abs(model.Coef[k] - expected[k]) <= 1e-10 * Math.Abs(expected[k]),
                    $"column {j} x {factor}: coef[{k}] expected {expected[k]:R}, got {model.Coef[k]:R}");
            var want = reference.Predict(data);
            var got = model.Predict(scaled);
            for (int i = 0; i < want.Length; i++) Assert.True(Math.Abs(got[i] - want[i]) <= 1e-10 * Math.Abs(want[i]));
        }
    }

    [Fact]
    public void ScalingAColumnByAPowerOfTwoGivesBitForBitTheSameFit()
    {
        var data = TestData.Load("diabetes");
        var reference = (LinearRegressorModel)new LinearRegression().Fit(data);
        foreach (int exponent in new[] { -30, -7, 5, 29 })
        {
            double factor = Math.ScaleB(1.0, exponent);
            var model = (LinearRegressorModel)new LinearRegression().Fit(ScaleColumn(data, 3, factor));
            var expected = reference.Coef;
            expected[3] /= factor;
            Assert.Equal(expected, model.Coef);
            Assert.Equal(reference.Intercept, model.Intercept);
        }
    }

    [Fact]
    public void AConstantOrDuplicatedColumnLeavesThePredictionsUnchanged()
    {
        var data = TestData.Load("diabetes");
        var reference = ((IPredictor)new LinearRegression().Fit(data)).Predict(data);
        foreach (var extra in new Func<int, double>[] { _ => 7.3, i => data.X[i, 2], i => data.X[i, 2] * 1e3 })
        {
            var x = new Matrix(data.Count, data.FeatureCount + 1);
            for (int i = 0; i < data.Count; i++)
            {
                data.X.Row(i).CopyTo(x.Row(i));
                x[i, data.FeatureCount] = extra(i);
            }
            var predictions = ((IPredictor)new LinearRegression().Fit(new Dataset(x, data.RequireTarget()))).Predict(new Dataset(x, data.RequireTarget()));
            for (int i = 0; i < predictions.Length; i++) Assert.True(Math.Abs(predictions[i] - reference[i]) <= 1e-10 * Math.Abs(reference[i]));
        }
    }

    private static Dataset ScaleColumn(Dataset data, int column, double factor)
    {
        var x = new Matrix((double[])data.X.Values.Clone(), data.Count, data.FeatureCount);
        for (int i = 0; i < data.Count; i++) x[i, column] *= factor;
        return new Dataset(x, data.RequireTarget());
    }

    private static void AssertAgrees(ConditioningFixture f, string exactName, string sklearnName, LinearRegressorModel model, double relative)
    {
        var exact = f.Exact(exactName);
        f.AssertCoefficients(exact, model.Coef, relative, exactName + " vs exact");
        f.AssertPredictions(f.PredictionsOf(exact), model, relative, exactName + " vs exact");
        var sklearn = f.Sklearn(sklearnName);
        if (sklearn.GetProperty("error").GetDouble() > SklearnAccurate) return;
        f.AssertCoefficients(sklearn, model.Coef, relative, sklearnName + " vs scikit-learn");
        f.AssertPredictions(LinearTestHelpers.Doubles(sklearn.GetProperty("predict")), model, relative, sklearnName + " vs scikit-learn");
    }
}
