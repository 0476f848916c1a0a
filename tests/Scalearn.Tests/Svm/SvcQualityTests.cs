using Scalearn.ModelSelection;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Svm;

namespace Scalearn.Tests.Svm;

/// <summary>
/// standard_scaler + svc(): 5-fold StratifiedKFold(shuffle=True, random_state=0) mean accuracy against reference.md
/// (within 1.5 points; fold assignment differs from scikit-learn's shuffle).
/// </summary>
public class SvcQualityTests
{
    [Theory]
    [InlineData("digits", 0.9805)]
    [InlineData("iris", 0.9533)]
    [InlineData("breast_cancer", 0.9771)]
    [InlineData("wine", 0.9830)]
    public void CrossValidatedAccuracyMatchesReference(string dataset, double reference)
    {
        var result = CrossValidation.CrossValidate(Pipeline.Make(new StandardScaler(), new SVC()), TestData.Load(dataset),
            new StratifiedKFold(5, shuffle: true, randomState: 0));
        Assert.All(result.Errors, Assert.Null);
        Assert.True(Math.Abs(result.MeanTestScore - reference) <= 0.015, $"{dataset}: {result.MeanTestScore:F4} vs reference {reference:F4}");
    }
}
