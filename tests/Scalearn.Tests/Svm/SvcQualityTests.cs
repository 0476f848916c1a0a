using Scalearn.Svm;

namespace Scalearn.Tests.Svm;

/// <summary>standard_scaler + svc() 5-fold stratified shuffled CV accuracy against reference.md (within 1.5 points).</summary>
public class SvcQualityTests
{
    [Theory]
    [InlineData("digits", 0.9805)]
    [InlineData("iris", 0.9533)]
    [InlineData("breast_cancer", 0.9771)]
    [InlineData("wine", 0.9830)]
    public void CrossValidatedAccuracyMatchesReference(string dataset, double reference)
    {
        double accuracy = SvmTestData.CrossValidatedAccuracy(new SVC(), TestData.Load(dataset));
        Assert.True(Math.Abs(accuracy - reference) <= 0.015, $"{dataset}: {accuracy:F4} vs reference {reference:F4}");
    }
}
