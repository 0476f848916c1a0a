using Scalearn.Estimators;
using Scalearn.Linear;
using static Scalearn.Tests.Linear.LinearTestHelpers;

namespace Scalearn.Tests.Linear;

/// <summary>Without shuffling SGD is deterministic, so each step must match scikit-learn's _plain_sgd (fixture sgd_no_shuffle).</summary>
public class SgdAgreementTests
{
    private const double Relative = 1e-6;

    [Theory]
    [InlineData("regressor_invscaling")]
    [InlineData("regressor_average")]
    [InlineData("regressor_elasticnet_huber")]
    [InlineData("classifier_hinge_ovr")]
    [InlineData("classifier_log_loss_l1")]
    [InlineData("classifier_modified_huber_weighted")]
    public void UnshuffledFitsMatchSklearn(string name)
    {
        var expected = Fixture("sgd_no_shuffle").GetProperty(name);
        bool classifier = name.StartsWith("classifier", StringComparison.Ordinal);
        SgdEstimator estimator = classifier ? new SGDClassifier() : new SGDRegressor();
        estimator.Shuffle = false;
        estimator.MaxIter = 5;
        estimator.Tol = null;
        foreach (var parameter in expected.GetProperty("params").EnumerateObject())
        {
            object? raw = parameter.Name == "average" ? (parameter.Value.GetBoolean() ? 1L : 0L) : RawJson.ToRaw(parameter.Value);
            estimator.SetParam(parameter.Name, raw);
        }
        var data = StandardizeAll(TestData.Load(classifier ? "iris" : "diabetes"));
        var model = estimator.Fit(data);
        var (coef, intercept) = model switch
        {
            LinearClassifierModel c => (c.Coef.Values, c.Intercept),
            LinearRegressorModel r => (r.Coef, new[] { r.Intercept }),
            _ => throw new InvalidOperationException(),
        };
        var expectedCoef = expected.GetProperty("coef").ValueKind == System.Text.Json.JsonValueKind.Array
            && expected.GetProperty("coef")[0].ValueKind == System.Text.Json.JsonValueKind.Array
            ? Rows(expected.GetProperty("coef")).SelectMany(r => r).ToArray()
            : Doubles(expected.GetProperty("coef"));
        AssertAllClose(expectedCoef, coef, Relative, name + " coef");
        AssertAllClose(Doubles(expected.GetProperty("intercept")), intercept, Relative, name + " intercept");
    }
}
