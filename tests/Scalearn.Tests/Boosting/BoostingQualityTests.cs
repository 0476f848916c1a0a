using Scalearn.Boosting;
using Scalearn.Estimators;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.Boosting;

/// <summary>
/// 5-fold StratifiedKFold(shuffle) accuracy against reference.md's hist_gradient_boosting(random_state=0) row, within
/// 1.5 points. The reference is one fold assignment and on the small datasets that alone moves the mean by several
/// points (scikit-learn's own wine score ranges 0.938 to 0.977 over shuffles 0-7), so the small datasets average the
/// shuffles 0-4; digits uses shuffle 0.
/// </summary>
[Collection(LightGbmCollection.Name)]
public class BoostingQualityTests
{
    [Theory]
    [InlineData("digits", 0.9733, 1)]
    [InlineData("iris", 0.9467, 5)]
    [InlineData("breast_cancer", 0.9701, 5)]
    [InlineData("wine", 0.9717, 5)]
    public void HistGradientBoostingAccuracyMatchesReference(string dataset, double reference, int shuffles) =>
        AssertNear(() => new HistGradientBoostingClassifier { RandomState = 0 }, dataset, reference, shuffles);

    [Theory]
    [InlineData("iris", 0.9467, 5)]
    [InlineData("breast_cancer", 0.9701, 5)]
    [InlineData("wine", 0.9717, 5)]
    public void LgbmClassifierAccuracyMatchesReference(string dataset, double reference, int shuffles) =>
        AssertNear(() => new LGBMClassifier { RandomState = 0 }, dataset, reference, shuffles);

    private static void AssertNear(Func<IEstimator> make, string dataset, double reference, int shuffles)
    {
        var data = TestData.Load(dataset);
        double mean = Enumerable.Range(0, shuffles).Average(seed =>
        {
            var result = CrossValidation.CrossValidate(make(), data, new StratifiedKFold(5, shuffle: true, randomState: seed));
            Assert.All(result.Errors, Assert.Null);
            return result.MeanTestScore;
        });
        Assert.True(Math.Abs(mean - reference) <= 0.015, $"{dataset}: {mean:F4} vs reference {reference:F4}");
    }
}
