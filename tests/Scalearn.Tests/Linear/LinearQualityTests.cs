using Scalearn.Estimators;
using Scalearn.Linear;
using static Scalearn.Tests.Linear.LinearTestHelpers;

namespace Scalearn.Tests.Linear;

/// <summary>5-fold CV quality against /work/shared/data/reference.md (scikit-learn 1.2.1), standardizing inside each fold.</summary>
public class LinearQualityTests
{
    [Theory]
    [InlineData("digits", 0.9688)]
    [InlineData("iris", 0.9600)]
    [InlineData("breast_cancer", 0.9789)]
    [InlineData("wine", 0.9832)]
    public void LogisticRegressionMatchesReferenceAccuracy(string dataset, double reference)
    {
        double accuracy = CrossValidate(new LogisticRegression { MaxIter = 1000 }, TestData.Load(dataset), stratified: true, standardize: true);
        Assert.True(Math.Abs(accuracy - reference) <= 0.015, $"{dataset}: CV accuracy {accuracy:F4}, reference {reference:F4}");
    }

    [Theory]
    [InlineData("digits", 0.9488)]
    [InlineData("iris", 0.9533)]
    [InlineData("breast_cancer", 0.9666)]
    [InlineData("wine", 0.9721)]
    public void SgdClassifierMatchesReferenceAccuracy(string dataset, double reference)
    {
        double accuracy = CrossValidate(new SGDClassifier { RandomState = 0 }, TestData.Load(dataset), stratified: true, standardize: true);
        Assert.True(Math.Abs(accuracy - reference) <= 0.015, $"{dataset}: CV accuracy {accuracy:F4}, reference {reference:F4}");
    }

    [Fact]
    public void LinearRegressionMatchesReferenceR2OnDiabetes()
    {
        double r2 = CrossValidate(new LinearRegression(), TestData.Load("diabetes"), stratified: false, standardize: false);
        Assert.True(Math.Abs(r2 - 0.4892) <= 0.02, $"CV R2 {r2:F4}, reference 0.4892");
    }

    [Fact]
    public void StandardizedRidgeMatchesReferenceR2OnDiabetes()
    {
        double r2 = CrossValidate(new Ridge(), TestData.Load("diabetes"), stratified: false, standardize: true);
        Assert.True(Math.Abs(r2 - 0.4896) <= 0.02, $"CV R2 {r2:F4}, reference 0.4896");
    }
}
