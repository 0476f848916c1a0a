using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using static Scalearn.Tests.Linear.LinearTestHelpers;

namespace Scalearn.Tests.Linear;

/// <summary>Coefficients agree with scikit-learn 1.2.1 (fixtures from Fixtures/Linear/generate.py).</summary>
public class SklearnAgreementTests
{
    private const double Relative = 1e-4;

    [Theory]
    [InlineData("linear_regression")]
    [InlineData("ridge")]
    [InlineData("lasso")]
    [InlineData("elastic_net")]
    public void RegressorsMatchSklearnOnDiabetes(string name)
    {
        var expected = Fixture("diabetes_regressors").GetProperty(name);
        IEstimator estimator = name switch
        {
            "linear_regression" => new LinearRegression(),
            "ridge" => new Ridge { Alpha = 1.0 },
            "lasso" => new Lasso { Alpha = 0.1, Tol = 1e-12, MaxIter = 100000 },
            _ => new ElasticNet { Alpha = 0.1, Tol = 1e-12, MaxIter = 100000 },
        };
        var model = (LinearRegressorModel)estimator.Fit(TestData.Load("diabetes"));
        AssertAllClose(Doubles(expected.GetProperty("coef")), model.Coef, Relative, name + " coef");
        AssertClose(expected.GetProperty("intercept").GetDouble(), model.Intercept, Relative, name + " intercept");
    }

    [Theory]
    [InlineData("iris_logistic_multinomial", "auto")]
    [InlineData("iris_logistic_ovr", "ovr")]
    public void LogisticRegressionMatchesSklearnOnIris(string fixture, string multiClass)
    {
        var expected = Fixture(fixture);
        var estimator = new LogisticRegression { MaxIter = 10000, Tol = 1e-10 };
        estimator.SetParam("multi_class", multiClass);
        var data = TestData.Load("iris");
        var model = (LinearClassifierModel)estimator.Fit(data);
        AssertCoefficients(expected, model);
        AssertProbabilities(expected, model, data);
    }

    [Fact]
    public void BinaryLogisticRegressionMatchesSklearnOnStandardizedBreastCancer()
    {
        var expected = Fixture("breast_cancer_logistic");
        var data = StandardizeAll(TestData.Load("breast_cancer"));
        var model = (LinearClassifierModel)new LogisticRegression { MaxIter = 10000, Tol = 1e-10 }.Fit(data);
        Assert.Equal(1, model.Coef.Rows);
        AssertCoefficients(expected, model);
        AssertProbabilities(expected, model, data);
    }

    [Fact]
    public void BalancedClassWeightMatchesSklearn()
    {
        var expected = Fixture("breast_cancer_logistic_balanced");
        var data = StandardizeAll(TestData.Load("breast_cancer"));
        var estimator = new LogisticRegression { MaxIter = 10000, Tol = 1e-10, C = 0.5 };
        estimator.SetParam("class_weight", "balanced");
        AssertCoefficients(expected, (LinearClassifierModel)estimator.Fit(data));
    }

    private static void AssertCoefficients(System.Text.Json.JsonElement expected, LinearClassifierModel model)
    {
        var coef = Rows(expected.GetProperty("coef"));
        Assert.Equal(coef.Length, model.Coef.Rows);
        AssertAllClose(coef.SelectMany(r => r).ToArray(), model.Coef.Values, Relative, "coef");
        AssertAllClose(Doubles(expected.GetProperty("intercept")), model.Intercept, Relative, "intercept");
    }

    private static void AssertProbabilities(System.Text.Json.JsonElement expected, LinearClassifierModel model, Dataset data)
    {
        var rows = expected.GetProperty("rows").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var proba = model.PredictProba(data.Rows(rows));
        var want = Rows(expected.GetProperty("proba"));
        for (int i = 0; i < rows.Length; i++)
            for (int k = 0; k < want[i].Length; k++)
                Assert.True(Math.Abs(want[i][k] - proba[i, k]) <= 1e-6, $"proba row {rows[i]} class {k}: expected {want[i][k]:R}, got {proba[i, k]:R}");
    }
}
