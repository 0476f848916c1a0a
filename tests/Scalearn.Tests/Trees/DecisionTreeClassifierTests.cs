using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

public class DecisionTreeClassifierTests
{
    private static Dataset Data(double[][] x, double[] y) => new(Matrix.FromRows(x), y);

    [Fact]
    public void SeparableDataSplitsOnceAtTheMidpoint()
    {
        var data = Data([[1, 5], [2, 5], [4, 5], [6, 5]], [0, 0, 1, 1]);
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 0 }.Fit(data);
        Assert.Equal(3, model.Tree.NodeCount);
        Assert.Equal(0, model.Tree.Feature[0]);
        Assert.Equal(3.0, model.Tree.Threshold[0]);
        Assert.Equal([0.0, 0, 1, 1], model.Predict(data));
        Assert.Equal([0.0], model.Predict(Matrix.FromRows([[3.0, 0]])));
        Assert.Equal([1.0], model.Predict(Matrix.FromRows([[3.0001, 0]])));
    }

    [Fact]
    public void PureTargetGivesASingleLeaf()
    {
        var data = Data([[1], [2], [3]], [7, 7, 7]);
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier().Fit(data);
        Assert.Equal(1, model.Tree.NodeCount);
        Assert.Equal([7.0], model.Classes);
        Assert.All(model.FeatureImportances, v => Assert.Equal(0, v));
    }

    [Fact]
    public void MaxDepthLimitsTheTree()
    {
        var digits = TestData.Load("digits");
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier { MaxDepth = 3, RandomState = 0 }.Fit(digits);
        Assert.Equal(3, model.Tree.Depth);
        Assert.True(model.Tree.LeafCount <= 8);
    }

    [Fact]
    public void MinSamplesLeafIsRespectedInEveryLeaf()
    {
        var data = TestData.Load("breast_cancer");
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier { MinSamplesLeaf = 7, RandomState = 0 }.Fit(data);
        var perLeaf = new Dictionary<int, int>();
        for (int i = 0; i < data.Count; i++)
        {
            int leaf = model.Tree.Leaf(data.X.Row(i));
            perLeaf[leaf] = perLeaf.GetValueOrDefault(leaf) + 1;
        }
        Assert.True(perLeaf.Count > 5);
        Assert.All(perLeaf.Values, n => Assert.True(n >= 7, $"leaf with {n} rows"));
    }

    [Fact]
    public void MaxLeafNodesGrowsBestFirst()
    {
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier { MaxLeafNodes = 5, RandomState = 0 }.Fit(TestData.Load("digits"));
        Assert.Equal(5, model.Tree.LeafCount);
    }

    [Fact]
    public void UnlimitedTreeFitsTheTrainingDataAndImportancesSumToOne()
    {
        var data = TestData.Load("wine");
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 0, Criterion = ClassificationCriterion.Entropy }.Fit(data);
        Assert.Equal(1.0, model.Score(data));
        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
        Assert.All(model.FeatureImportances, v => Assert.True(v >= 0));
    }

    [Fact]
    public void RandomSplitterAndBalancedWeightsStillLearn()
    {
        var data = TestData.Load("iris");
        var model = (IPredictor)new DecisionTreeClassifier { Splitter = SplitterKind.Random, ClassWeight = "balanced", RandomState = 3 }.Fit(data);
        Assert.True(model.Score(data) > 0.99);
    }

    [Fact]
    public void SameSeedGivesIdenticalTreesAndFitUsesOnlyTheViewRows()
    {
        var data = TestData.Load("digits");
        var rows = Enumerable.Range(0, 600).ToArray();
        var estimator = new DecisionTreeClassifier { RandomState = 5, MaxFeatures = MaxFeatures.Sqrt };
        var a = (DecisionTreeClassifierModel)estimator.Fit(data.Rows(rows));
        var b = (DecisionTreeClassifierModel)estimator.Fit(data.Rows(rows).Materialize());
        Assert.Equal(a.Tree.Threshold, b.Tree.Threshold);
        Assert.Equal(a.PredictProba(data).Values, b.PredictProba(data).Values);
    }

    [Fact]
    public void PredictRejectsWrongFeatureCountNamingBothCounts()
    {
        var model = (IPredictor)new DecisionTreeClassifier().Fit(TestData.Load("iris"));
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Matrix.FromRows([[1.0, 2, 3]])));
        Assert.Contains("3 features", e.Message);
        Assert.Contains("4 features", e.Message);
    }

    [Fact]
    public void NaNIsRejectedAtFitAndPredict()
    {
        var bad = Data([[1], [double.NaN]], [0, 1]);
        var fitError = Assert.Throws<ArgumentException>(() => new DecisionTreeClassifier().Fit(bad));
        Assert.Contains("NaN", fitError.Message);
        var model = (IPredictor)new DecisionTreeClassifier().Fit(Data([[1], [2]], [0, 1]));
        var predictError = Assert.Throws<ArgumentException>(() => model.Predict(Matrix.FromRows([[double.PositiveInfinity]])));
        Assert.Contains("infinity", predictError.Message);
    }

    [Fact]
    public void PayloadRoundTripPredictsIdentically()
    {
        var data = TestData.Load("wine");
        var model = (DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 0 }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = DecisionTreeClassifierModel.ReadPayload(new BinaryReader(stream), 2);
        Assert.Equal(model.PredictProba(data).Values, copy.PredictProba(data).Values);
        Assert.Equal(model.Classes, copy.Classes);
        Assert.Equal(model.FeatureImportances, copy.FeatureImportances);
    }
}
