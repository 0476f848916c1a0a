using System.Text.Json;
using Scalearn.Boosting;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.Boosting;

/// <summary>HistGradientBoostingRegressor's 5-fold R^2 on diabetes per loss, against scikit-learn's (Fixtures/Boosting/hgb_regression.json).</summary>
[Collection(LightGbmCollection.Name)]
public class BoostingRegressionQualityTests
{
    [Theory]
    [InlineData("squared_error")]
    [InlineData("absolute_error")]
    [InlineData("poisson")]
    [InlineData("quantile")]
    public void CrossValidatedR2MatchesScikitLearn(string loss)
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Boosting", "hgb_regression.json")));
        double reference = fixture.RootElement.GetProperty("r2").GetProperty(loss).GetDouble();
        var data = TestData.Load("diabetes");
        double mean = Enumerable.Range(0, 5).Average(seed =>
        {
            var estimator = new HistGradientBoostingRegressor { Loss = loss, RandomState = 0, Quantile = loss == "quantile" ? 0.5 : null };
            var result = CrossValidation.CrossValidate(estimator, data, new KFold(5, shuffle: true, randomState: seed));
            Assert.All(result.Errors, Assert.Null);
            return result.MeanTestScore;
        });
        Assert.True(Math.Abs(mean - reference) <= 0.03, $"{loss}: R2 {mean:F4} vs scikit-learn {reference:F4}");
    }
}
