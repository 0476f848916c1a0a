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
    public void RandomForestsOnAwkwardValuesAgreeWithTheTreeWalk()
    {
        // Few or many rows (partial lane groups), one to six features, ties, infinities and NaN where the forest predicts
        // (it was fitted without them), rows taken through a shuffled view.
        var rng = new Scalearn.Numerics.Rng(11);
        double[] awkward = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e-300, double.MaxValue];
        for (int round = 0; round < 40; round++)
        {
            int cols = 1 + rng.NextInt(6), fitRows = 20 + rng.NextInt(200), rows = 1 + rng.NextInt(40);
            var fit = new Matrix(fitRows, cols);
            var y = new double[fitRows];
            for (int i = 0; i < fitRows; i++)
            {
                for (int j = 0; j < cols; j++) fit[i, j] = rng.NextInt(3) == 0 ? rng.NextInt(4) : rng.NextGaussian();
                y[i] = fit[i, 0] + (cols > 1 ? fit[i, 1] : 0) > 0.3 ? 1 : 0;
            }
            var x = new Matrix(rows, cols);
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) x[i, j] = rng.NextInt(4) == 0 ? awkward[rng.NextInt(awkward.Length)] : rng.NextGaussian();
            var order = Enumerable.Range(0, rows).OrderBy(_ => rng.NextDouble()).ToArray();
            var view = new Dataset(x).Rows(order);
            IReadOnlyList<DecisionTree> trees = round % 2 == 0
                ? ((RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 3, RandomState = round }.Fit(new Dataset(fit, y))).Trees
                : ((RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 3, RandomState = round }.Fit(new Dataset(fit, y))).Trees;
            foreach (var tree in trees)
            {
                var output = new double[rows * tree.ValueWidth];
                using (var lanes = Lanes(view, 0, rows)) tree.Packed.AddLeafValues(lanes, output);
                for (int i = 0; i < rows; i++)
                    Assert.Equal(tree.LeafValues(x.Row(order[i])).ToArray(), output.AsSpan(i * tree.ValueWidth, tree.ValueWidth).ToArray());
            }
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
        using (var rows = Lanes(new Dataset(x), 0, x.Rows)) tree.Packed.AddLeafValues(rows, output);
        for (int i = 0; i < x.Rows; i++)
            Assert.Equal(tree.LeafValues(x.Row(i)).ToArray(), output.AsSpan(i * tree.ValueWidth, tree.ValueWidth).ToArray());
    }

    [Fact]
    public void RowsShorterThanTheFeaturesTheTreeReadsAreRefused()
    {
        var data = TestData.Load("iris");
        var tree = ((DecisionTreeClassifierModel)new DecisionTreeClassifier { RandomState = 0 }.Fit(data)).Tree;
        using var narrow = Lanes(new Dataset(new Matrix(10, 1)), 0, 10);
        var error = Assert.Throws<ArgumentException>(() => tree.Packed.AddLeafValues(narrow, new double[30]));
        Assert.Contains("the rows have 1", error.Message);
        using var rows = Lanes(data, 0, 10);
        Assert.Throws<ArgumentException>(() => tree.Packed.AddLeafValues(rows, new double[29]));
    }

    [Fact]
    public void ATreeThatIsOneLeafGivesItsValueToEveryRow()
    {
        // A constant target: the root is a leaf, whose walk starts (and ends) on the node the first group's pad precedes.
        var x = new Matrix(11, 2);
        for (int i = 0; i < x.Rows; i++) x[i, 0] = x[i, 1] = i;
        var tree = ((DecisionTreeRegressorModel)new DecisionTreeRegressor().Fit(new Dataset(x, Enumerable.Repeat(2.5, 11).ToArray()))).Tree;
        Assert.Equal(1, tree.NodeCount);
        var output = new double[11];
        using (var rows = Lanes(new Dataset(x), 0, 11)) tree.Packed.AddLeafValues(rows, output);
        Assert.All(output, v => Assert.Equal(2.5, v));
    }

    [Fact]
    public void LaneRowsHoldEachGroupFeatureMajorAndRepeatTheLastRow()
    {
        var x = new Matrix(5, 3);
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 3; j++) x[i, j] = 10 * i + j;
        using var rows = Lanes(new Dataset(x).Rows([4, 3, 2, 1, 0]), 1, 4);   // view rows 1..3: source rows 3, 2, 1
        Assert.Equal(3, rows.Rows);
        Assert.Equal(1, rows.Groups);
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < LaneRows.Lanes; k++)
                Assert.Equal(10 * (3 - Math.Min(k, 2)) + j, rows.Values[LaneRows.Pad + j * LaneRows.Lanes + k]);
    }

    private static LaneRows Lanes(DataView x, int from, int to)
    {
        var rows = new LaneRows(to - from, x.Source.X.Cols);
        rows.Fill(x, from, to);
        return rows;
    }
}
