using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.Execution;

public class TaskRunnerTests
{
    [Fact]
    public void RunsFitAndScoresOnTheSplit()
    {
        var iris = TestData.Load("iris");
        var folds = new StratifiedKFold(3).Split(iris);
        var task = new FitTask(4, 1, EstimatorSpec.Of(new GaussianNB()), ["accuracy", "neg_log_loss"], true);
        var result = TaskRunner.Run(task, iris, folds);
        Assert.Null(result.Error);
        Assert.Equal((4, 1), (result.Candidate, result.Split));
        var model = new GaussianNB().Fit(iris.Rows(folds[1].Train));
        Assert.Equal(((IPredictor)model).Score(iris.Rows(folds[1].Test)), result.TestScores[0]);
        Assert.Equal(2, result.TrainScores!.Length);
        Assert.True(result.FitSeconds >= 0 && result.ScoreSeconds >= 0);
    }

    [Fact]
    public void FitErrorsAreCapturedWithNaNScores()
    {
        var iris = TestData.Load("iris");
        var spec = EstimatorSpec.Of(new DummyClassifier { Strategy = DummyClassifierStrategy.Constant, Constant = 5 });
        var result = TaskRunner.Run(new FitTask(0, 0, spec, ["accuracy"], false), iris, new KFold(3).Split(iris));
        Assert.StartsWith("ParameterException: The constant target value must be present", result.Error);
        Assert.True(double.IsNaN(result.TestScores[0]));
        Assert.Null(result.TrainScores);
    }

    [Fact]
    public void ScoringErrorsAreCapturedToo()
    {
        var diabetes = TestData.Load("diabetes");
        var result = TaskRunner.Run(new FitTask(0, 0, EstimatorSpec.Of(new DummyRegressor()), ["neg_log_loss"], false), diabetes, new KFold(3).Split(diabetes));
        Assert.StartsWith("InvalidOperationException:", result.Error);
    }
}
