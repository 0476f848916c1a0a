using Scalearn.Ensemble;
using Scalearn.Trees;

namespace Scalearn.Tests.Ensemble;

public class RandomForestTests
{
    [Fact]
    public void SameSeedGivesBitIdenticalForestsWhateverTheThreadCount()
    {
        var data = TestData.Load("digits");
        var rows = Enumerable.Range(0, 900).ToArray();
        var one = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 12, RandomState = 7, NJobs = 1 }.Fit(data.Rows(rows));
        var two = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 12, RandomState = 7, NJobs = 2 }.Fit(data.Rows(rows));
        var again = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 12, RandomState = 7, NJobs = -1 }.Fit(data.Rows(rows));
        Assert.Equal(one.PredictProba(data).Values, two.PredictProba(data).Values);
        Assert.Equal(one.PredictProba(data).Values, again.PredictProba(data).Values);
        Assert.Equal(one.FeatureImportances, two.FeatureImportances);
        var other = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 12, RandomState = 8 }.Fit(data.Rows(rows));
        Assert.NotEqual(one.PredictProba(data).Values, other.PredictProba(data).Values);
    }

    [Fact]
    public void ProbabilitiesAreTheMeanOfTreeProbabilities()
    {
        var data = TestData.Load("iris");
        var model = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 5, RandomState = 0 }.Fit(data);
        var proba = model.PredictProba(data);
        for (int i = 0; i < data.Count; i += 17)
            for (int c = 0; c < 3; c++)
                Assert.Equal(model.Trees.Average(t => t.LeafValues(data.X.Row(i))[c]), proba[i, c], 12);
        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
    }

    [Fact]
    public void BootstrapOffWithAllFeaturesGrowsTheSameTreeEverywhere()
    {
        var data = TestData.Load("wine");
        var model = (RandomForestClassifierModel)new RandomForestClassifier
        {
            NEstimators = 3, Bootstrap = false, MaxFeatures = MaxFeatures.All, MaxDepth = 2, RandomState = 0,
        }.Fit(data);
        Assert.All(model.Trees, t => Assert.Equal(model.Trees[0].Feature[0], t.Feature[0]));
        Assert.All(model.Trees, t => Assert.Equal(2, t.Depth));
    }

    [Fact]
    public void OutOfBagScoreIsReportedWhenAsked()
    {
        var data = TestData.Load("breast_cancer");
        var model = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 30, OobScore = true, RandomState = 0, NJobs = 2 }.Fit(data);
        Assert.InRange(model.OobScore!.Value, 0.9, 1.0);
        var regressor = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 30, OobScore = true, RandomState = 0, MaxSamples = 0.8 }.Fit(TestData.Load("diabetes"));
        Assert.InRange(regressor.OobScore!.Value, 0.25, 0.6);
    }

    [Fact]
    public void ClassifierPayloadRoundTripPredictsIdentically()
    {
        var data = TestData.Load("wine");
        var model = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 10, RandomState = 0, ClassWeight = "balanced_subsample" }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = RandomForestClassifierModel.ReadPayload(new BinaryReader(stream), 2);
        Assert.Equal(model.PredictProba(data).Values, copy.PredictProba(data).Values);
        Assert.Equal(model.FeatureImportances, copy.FeatureImportances);
    }

    [Fact]
    public void RegressorPayloadRoundTripPredictsIdentically()
    {
        var data = TestData.Load("diabetes");
        var model = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 10, RandomState = 0, MaxDepth = 6 }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = RandomForestRegressorModel.ReadPayload(new BinaryReader(stream), 2);
        Assert.Equal(model.Predict(data), copy.Predict(data));
        Assert.Equal(1.0, copy.FeatureImportances.Sum(), 12);
    }

    [Fact]
    public void FeatureCountMismatchAndNaNAreRejected()
    {
        var model = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 3, RandomState = 0 }.Fit(TestData.Load("diabetes"));
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Scalearn.Data.Matrix.FromRows([[1.0, 2.0]])));
        Assert.Contains("2 features", e.Message);
        Assert.Contains("10 features", e.Message);
        var row = new double[10];
        row[4] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => model.Predict(Scalearn.Data.Matrix.FromRows([row]))).Message);
    }
}
