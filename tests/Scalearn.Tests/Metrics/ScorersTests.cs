using Scalearn.Data;
using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Metrics;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.Metrics;

public class ScorersTests
{
    [Fact]
    public void UnknownScorerListsTheKnownNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Scorers.Get("acuracy"));
        Assert.Contains("accuracy", e.Message);
        Assert.Contains("neg_log_loss", e.Message);
    }

    [Fact]
    public void EveryListedNameResolves()
    {
        foreach (var name in Scorers.Names) Assert.Equal(name, Scorers.Get(name).Name);
        Assert.Contains("roc_auc_ovr", Scorers.Names);
    }

    [Fact]
    public void ClassifierScorersUseTheModel()
    {
        var iris = TestData.Load("iris");
        var model = (IClassifierModel)new GaussianNB().Fit(iris);
        var y = iris.Y!;
        Assert.Equal(model.Score(iris), Scorers.Get("score").Score(model, iris));
        Assert.Equal(ClassificationMetrics.Accuracy(y, model.Predict(iris)), Scorers.Get("accuracy").Score(model, iris));
        Assert.Equal(-ClassificationMetrics.LogLoss(y, model.PredictProba(iris), model.Classes), Scorers.Get("neg_log_loss").Score(model, iris));
        double auc = Scorers.Get("roc_auc_ovr").Score(model, iris);
        Assert.InRange(auc, 0.95, 1.0);
        var e = Assert.Throws<ArgumentException>(() => Scorers.Get("roc_auc").Score(model, iris));
        Assert.Contains("'roc_auc_ovr'", e.Message);
    }

    [Fact]
    public void AveragedAndRegressionScorersUseScikitLearnNames()
    {
        var iris = TestData.Load("iris");
        var model = (IClassifierModel)new GaussianNB().Fit(iris);
        var y = iris.Y!;
        var predicted = model.Predict(iris);
        Assert.Equal(ClassificationMetrics.PrecisionScore(y, predicted, "macro"), Scorers.Get("precision_macro").Score(model, iris));
        Assert.Equal(ClassificationMetrics.RecallScore(y, predicted, "weighted"), Scorers.Get("recall_weighted").Score(model, iris));
        Assert.Equal(ClassificationMetrics.F1Score(y, predicted, "micro"), Scorers.Get("f1_micro").Score(model, iris));
        Assert.Equal(Scorers.Get("accuracy").Score(model, iris), Scorers.Get("f1_micro").Score(model, iris), 12);
        Assert.Equal(ScorerKind.Classification, Scorers.Get("precision").Kind);
        Assert.Equal([TargetType.Binary], Scorers.Get("f1").Targets);

        var data = new Dataset(Matrix.FromRows([[0.0], [1.0], [2.0]]), [1.0, 2.0, 6.0]);
        var regressor = new DummyRegressor().Fit(data); // predicts 3
        Assert.Equal(-(2.0 / 1 + 1.0 / 2 + 3.0 / 6) / 3, Scorers.Get("neg_mean_absolute_percentage_error").Score(regressor, data), 12);
        Assert.Equal(0.0, Scorers.Get("explained_variance").Score(regressor, data), 12);
        Assert.Equal(-Math.Sqrt(14.0 / 3), Scorers.Get("neg_root_mean_squared_error").Score(regressor, data), 12);
        Assert.Equal(ScorerKind.Regression, Scorers.Get("explained_variance").Kind);
    }

    [Fact]
    public void LossesAreNegated()
    {
        var data = new Dataset(Matrix.FromRows([[0.0], [1.0], [2.0]]), [1.0, 2.0, 6.0]);
        var model = new DummyRegressor().Fit(data); // predicts 3
        Assert.Equal(-(4 + 1 + 9) / 3.0, Scorers.Get("neg_mean_squared_error").Score(model, data), 12);
        Assert.Equal(-(2 + 1 + 3) / 3.0, Scorers.Get("neg_mean_absolute_error").Score(model, data), 12);
        Assert.Equal(0.0, Scorers.Get("r2").Score(model, data), 12);
    }

    [Fact]
    public void LogLossNeedsProbabilities()
    {
        var data = new Dataset(Matrix.FromRows([[0.0], [1.0]]), [1.0, 2.0]);
        var model = new DummyRegressor().Fit(data);
        var e = Assert.Throws<InvalidOperationException>(() => Scorers.Get("neg_log_loss").Score(model, data));
        Assert.Contains("predict_proba", e.Message);
    }

    [Fact]
    public void RocAucFallsBackToDecisionFunction()
    {
        var data = new Dataset(Matrix.FromRows([[0.0], [1.0], [2.0], [3.0]]), [0.0, 0.0, 1.0, 1.0]);
        Assert.Equal(1.0, Scorers.Get("roc_auc").Score(new ThresholdModel(), data));
    }

    private sealed class ThresholdModel : IDecisionFunction
    {
        public int FeatureCount => 1;
        public Matrix DecisionFunction(DataView x) => new(Enumerable.Range(0, x.Count).Select(i => x.Row(i)[0] - 1.5).ToArray(), x.Count, 1);
    }
}
