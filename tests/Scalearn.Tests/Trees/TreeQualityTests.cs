using Scalearn.Ensemble;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

/// <summary>Cross-validated quality against scikit-learn 1.2.1's figures in reference.md (tolerance 1.5 points, 0.03 R2).</summary>
public class TreeQualityTests
{
    [Theory]
    [InlineData("digits", 0.8592)]
    [InlineData("iris", 0.9333)]
    [InlineData("breast_cancer", 0.9262)]
    [InlineData("wine", 0.9273)]
    public void DecisionTreeMatchesScikitLearnAccuracy(string dataset, double reference)
    {
        // A single tree's score depends on how ties between equally good splits are broken (scikit-learn itself gives
        // 0.849-0.859 on digits over random_state 0-9), so compare the mean over five seeds.
        double score = Enumerable.Range(0, 5).Average(seed => TreeCrossValidation.MeanScore(new DecisionTreeClassifier { RandomState = seed }, dataset));
        Assert.InRange(score, reference - 0.015, reference + 0.015);
    }

    [Theory]
    [InlineData("digits", 0.9733)]
    [InlineData("iris", 0.9400)]
    [InlineData("breast_cancer", 0.9649)]
    [InlineData("wine", 0.9719)]
    public void RandomForestMatchesScikitLearnAccuracy(string dataset, double reference)
    {
        var forest = new RandomForestClassifier { NEstimators = 100, RandomState = 0, NJobs = -1 };
        double score = TreeCrossValidation.MeanScore(forest, dataset);
        Assert.InRange(score, reference - 0.015, reference + 0.015);
    }

    [Fact]
    public void RandomForestRegressorMatchesScikitLearnR2OnDiabetes()
    {
        var forest = new RandomForestRegressor { NEstimators = 100, RandomState = 0, NJobs = -1 };
        double score = TreeCrossValidation.MeanScore(forest, "diabetes");
        Assert.InRange(score, 0.4194 - 0.03, 0.4194 + 0.03);
    }
}
