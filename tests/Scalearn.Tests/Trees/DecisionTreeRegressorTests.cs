using Scalearn.Data;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

public class DecisionTreeRegressorTests
{
    [Fact]
    public void StepFunctionIsLearnedWithOneSplitAtTheMidpoint()
    {
        var x = Enumerable.Range(0, 20).Select(i => new[] { (double)i }).ToArray();
        var y = Enumerable.Range(0, 20).Select(i => i < 8 ? 1.5 : 4.0).ToArray();
        var model = (DecisionTreeRegressorModel)new DecisionTreeRegressor().Fit(new Dataset(Matrix.FromRows(x), y));
        Assert.Equal(3, model.Tree.NodeCount);
        Assert.Equal(7.5, model.Tree.Threshold[0]);
        Assert.Equal([1.5, 1.5, 4.0, 4.0], model.Predict(Matrix.FromRows([[-10.0], [7.5], [7.6], [100.0]])));
        Assert.Equal(1.0, model.FeatureImportances.Sum(), 12);
    }

    [Fact]
    public void DepthLimitedTreePredictsLeafMeans()
    {
        var x = Enumerable.Range(0, 4).Select(i => new[] { (double)i }).ToArray();
        var model = (DecisionTreeRegressorModel)new DecisionTreeRegressor { MaxDepth = 1 }.Fit(new Dataset(Matrix.FromRows(x), [0, 0, 10, 20]));
        Assert.Equal([0.0, 15.0], model.Predict(Matrix.FromRows([[0.0], [3.0]])));
    }

    [Fact]
    public void PayloadRoundTripPredictsIdentically()
    {
        var data = TestData.Load("diabetes");
        var model = (DecisionTreeRegressorModel)new DecisionTreeRegressor { RandomState = 0, MinSamplesLeaf = 0.01 }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = DecisionTreeRegressorModel.ReadPayload(new BinaryReader(stream), 2);
        Assert.Equal(model.Predict(data), copy.Predict(data));
    }
}
