using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

public class PackedTreeTests
{
    [Fact]
    public void ForestProbabilitiesAreExactlyTheTreeWalkOnShuffledRows()
    {
        var data = TestData.Load("digits");
        var model = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 7, RandomState = 3 }.Fit(data);
        // 1,001 rows, in shuffled order: the 8-row lockstep groups, the leftover rows and a view's row indices all count.
        var order = Enumerable.Range(0, 1001).Select(i => i * 7 % data.Count).ToArray();
        var proba = model.PredictProba(data.Rows(order));
        for (int i = 0; i < order.Length; i++)
            for (int c = 0; c < model.Classes.Length; c++)
            {
                double sum = 0;
                foreach (var tree in model.Trees) sum += tree.LeafValues(data.X.Row(order[i]))[c];
                Assert.Equal(sum / model.Trees.Count, proba[i, c]);
            }
    }

    [Fact]
    public void ForestRegressionIsExactlyTheTreeWalk()
    {
        var data = TestData.Load("diabetes");
        var model = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 9, RandomState = 1, MaxDepth = 6 }.Fit(data);
        var predictions = model.Predict(data);
        for (int i = 0; i < data.Count; i++)
        {
            double sum = 0;
            foreach (var tree in model.Trees) sum += tree.LeafValues(data.X.Row(i))[0];
            Assert.Equal(sum / model.Trees.Count, predictions[i]);
        }
    }

    [Fact]
    public void MissingValuesGoRightAsInLeaf()
    {
        var data = TestData.Load("iris");
        var tree = ((DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 0 }.Fit(data)).Tree;
        var x = new Matrix(data.Count + 3, data.X.Cols);
        for (int i = 0; i < x.Rows; i++)
            for (int j = 0; j < x.Cols; j++) x[i, j] = (i + j) % 3 == 0 ? double.NaN : data.X[i % data.Count, j];
        var output = new double[x.Rows * tree.ValueWidth];
        tree.Packed.AddLeafValues(new Dataset(x), 0, x.Rows, output);
        for (int i = 0; i < x.Rows; i++)
            Assert.Equal(tree.LeafValues(x.Row(i)).ToArray(), output.AsSpan(i * tree.ValueWidth, tree.ValueWidth).ToArray());
    }

    [Fact]
    public void RowsShorterThanTheFeaturesTheTreeReadsAreRefused()
    {
        var data = TestData.Load("iris");
        var tree = ((DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 0 }.Fit(data)).Tree;
        var narrow = new Dataset(new Matrix(10, 1));
        var error = Assert.Throws<ArgumentException>(() => tree.Packed.AddLeafValues(narrow, 0, 10, new double[30]));
        Assert.Contains("the rows have 1", error.Message);
        Assert.Throws<ArgumentException>(() => tree.Packed.AddLeafValues(data, 0, 10, new double[29]));
    }
}
