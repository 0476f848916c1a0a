using Scalearn.Data;
using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Wire;
using Scalearn.Metrics;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

public class FitScoreKindTests
{
    private static FitResult Run(FitTask task, Dataset data, Folds folds) =>
        FitScoreKind.Instance.Run(task, new TaskContext("test", id => id == data.ContentHash ? data : folds, new ResidentCache(1 << 20), default));

    private static FitTask Task(int candidate, int split, IEstimator estimator, Dataset data, Folds folds, bool train, params string[] scorers) =>
        new(candidate, split, EstimatorSpec.Of(estimator), scorers.Select(Scorers.Get).ToArray(), train, data.ContentHash, folds.ContentHash);

    [Fact]
    public void RunsFitAndScoresOnTheSplit()
    {
        var iris = TestData.Load("iris");
        var folds = new StratifiedKFold(3).Split(iris);
        var result = Run(Task(4, 1, new GaussianNB(), iris, folds, true, "accuracy", "neg_log_loss"), iris, folds);
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
        var folds = new KFold(3).Split(iris);
        var result = Run(Task(0, 0, new DummyClassifier { Strategy = DummyClassifierStrategy.Constant, Constant = 5 }, iris, folds, false, "accuracy"), iris, folds);
        Assert.StartsWith("ParameterException: The constant target value must be present", result.Error);
        Assert.True(double.IsNaN(result.TestScores[0]));
        Assert.Null(result.TrainScores);
    }

    [Fact]
    public void ScoringErrorsAreCapturedToo()
    {
        var diabetes = TestData.Load("diabetes");
        var folds = new KFold(3).Split(diabetes);
        var result = Run(Task(0, 0, new DummyRegressor(), diabetes, folds, false, "neg_log_loss"), diabetes, folds);
        Assert.StartsWith("InvalidOperationException:", result.Error);
    }

    [Fact]
    public void TasksAndResultsRoundTripBitForBit()
    {
        var iris = TestData.Load("iris");
        var folds = new KFold(3).Split(iris);
        var kind = FitScoreKind.Instance;
        var task = Task(7, 2, new GaussianNB { VarSmoothing = 1e-3 }, iris, folds, true, "accuracy", "f1_macro");
        var back = kind.DecodeTask(kind.EncodeTask(task));
        Assert.Equal(task.Estimator, back.Estimator);
        Assert.Equal(kind.Key(task), kind.Key(back));
        Assert.Same(task.Scorers[1], back.Scorers[1]);
        var result = new FitResult(7, 2, [0.1 + 0.2, double.NaN], [double.Epsilon, -0.0], 1.5, 0.25, "boom\n\u0001");
        var decoded = kind.DecodeResult(kind.EncodeResult(result));
        Assert.Equal(result.TestScores.Select(BitConverter.DoubleToInt64Bits), decoded.TestScores.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(result.TrainScores!.Select(BitConverter.DoubleToInt64Bits), decoded.TrainScores!.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(result.Error, decoded.Error);
        Assert.Null(kind.Mismatch(task, decoded));
    }

    [Fact]
    public void ResultsThatDoNotFitTheirTaskAreNamed()
    {
        var iris = TestData.Load("iris");
        var folds = new KFold(3).Split(iris);
        var kind = FitScoreKind.Instance;
        var task = Task(1, 0, new GaussianNB(), iris, folds, false, "accuracy");
        Assert.Contains("test scores", kind.Mismatch(task, new FitResult(1, 0, [], null, 0, 0, null)));
        Assert.Contains("candidate 2", kind.Mismatch(task, new FitResult(2, 0, [1], null, 0, 0, null)));
        Assert.Contains("train scores", kind.Mismatch(task, new FitResult(1, 0, [1], [1], 0, 0, null)));
        Assert.Contains("finite", kind.Mismatch(task, new FitResult(1, 0, [1], null, double.NaN, 0, null)));
    }

    [Fact]
    public void HostileTasksAreRejectedWithAReason()
    {
        var kind = FitScoreKind.Instance;
        var writer = new WireWriter();
        writer.Int32(0);
        writer.Int32(0);
        writer.String("""{"estimator":"System.Diagnostics.Process","params":{}}""");
        var e = Assert.Throws<InvalidDataException>(() => kind.DecodeTask(writer.ToArray()));
        Assert.Contains("allow-list", e.Message);
        Assert.Throws<InvalidDataException>(() => kind.DecodeTask(new byte[] { 1, 2, 3 }));
        Assert.Throws<InvalidDataException>(() => kind.DecodeResult(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 127 }));
    }

    [Fact]
    public void UnregisteredScorersCannotTravel()
    {
        var iris = TestData.Load("iris");
        var folds = new KFold(3).Split(iris);
        var custom = new Scorer("mine", (_, _) => 1);
        var task = Task(0, 0, new GaussianNB(), iris, folds, false, "accuracy") with { Scorers = [custom] };
        Assert.Contains("not a registered scorer", Assert.Throws<InvalidOperationException>(() => FitScoreKind.Instance.EncodeTask(task)).Message);
        Assert.Equal(1, Run(task, iris, folds).TestScores[0]);
    }
}
