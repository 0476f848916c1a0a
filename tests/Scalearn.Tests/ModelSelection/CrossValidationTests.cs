using Scalearn.Dummy;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

public class CrossValidationTests
{
    [Fact]
    public void CrossValidateScoresEverySplit()
    {
        var result = CrossValidation.CrossValidate(new GaussianNB(), TestData.Load("iris"), new StratifiedKFold(5, true, 0),
            ["accuracy", "f1_macro"], new LocalExecutor(2), returnTrainScore: true);
        Assert.Equal(5, result.TestScore.Length);
        Assert.Equal(result.Test("accuracy"), result.TestScore);
        Assert.Equal(5, result.Train("f1_macro")!.Length);
        Assert.All(result.FitTime, t => Assert.True(t >= 0));
        Assert.All(result.Errors, Assert.Null);
        Assert.InRange(result.MeanTestScore, 0.9, 1.0);
    }

    [Fact]
    public void DefaultCvForRegressorsIsKFold()
    {
        var result = CrossValidation.CrossValidate(new DummyRegressor(), TestData.Load("diabetes"), executor: new LocalExecutor(1));
        Assert.Equal(5, result.Folds.Count);
        Assert.Equal(Enumerable.Range(0, result.Folds[0].Test.Length), result.Folds[0].Test);
        Assert.All(result.TestScore, s => Assert.InRange(s, -0.1, 0.0001));
    }

    [Fact]
    public void AllFailingIsAnError() =>
        Assert.Throws<SearchFitException>(() => CrossValidation.CrossValidate(
            new DummyClassifier { Strategy = DummyClassifierStrategy.Constant, Constant = 9 }, TestData.Load("iris"), executor: new LocalExecutor(1)));
}
