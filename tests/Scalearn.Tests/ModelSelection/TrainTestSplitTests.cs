using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.ModelSelection;
using Scalearn.Trees;

namespace Scalearn.Tests.ModelSelection;

/// <summary>Sizes, rounding, stratified allocation and errors against scikit-learn 1.2.1 (Fixtures/ModelSelection).</summary>
public class TrainTestSplitTests
{
    private static JsonElement Root => Fixture.Load("ModelSelection", "train_test_split.json");

    private static CountOrFraction? Size(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null
            : e.TryGetProperty("count", out var count) ? CountOrFraction.Of(count.GetInt32()) : CountOrFraction.OfFraction(e.GetProperty("fraction").GetDouble());

    [Fact]
    public void Sizes_and_errors_match_scikit_learn()
    {
        int cases = 0;
        foreach (var c in Root.GetProperty("sizes").EnumerateArray())
        {
            int n = c.GetProperty("n").GetInt32();
            var test = Size(c.GetProperty("test_size"));
            var train = Size(c.GetProperty("train_size"));
            if (c.TryGetProperty("error", out var error))
            {
                var e = Assert.ThrowsAny<ArgumentException>(() => TrainTestSplit.Indices(n, test, train, randomState: 0));
                Assert.Equal(error.GetString(), e.Message);
            }
            else
            {
                var (trainRows, testRows) = TrainTestSplit.Indices(n, test, train, randomState: 0);
                Assert.True(c.GetProperty("n_train").GetInt32() == trainRows.Length, $"n={n} test={test} train={train}");
                Assert.Equal(c.GetProperty("n_test").GetInt32(), testRows.Length);
                Assert.Empty(trainRows.Intersect(testRows));
                Assert.All(trainRows.Concat(testRows), i => Assert.InRange(i, 0, n - 1));
            }
            cases++;
        }
        Assert.True(cases > 20);
    }

    [Fact]
    public void Stratified_class_counts_match_scikit_learn()
    {
        foreach (var c in Root.GetProperty("stratified").EnumerateArray())
        {
            var y = c.GetProperty("y").Numbers();
            var test = Size(c.GetProperty("test_size"));
            var train = Size(c.GetProperty("train_size"));
            string name = c.GetProperty("name").GetString()!;
            if (c.TryGetProperty("error", out var error))
            {
                Assert.Equal(error.GetString(), Assert.ThrowsAny<ArgumentException>(() => TrainTestSplit.Indices(y.Length, test, train, 0, stratify: y)).Message);
                continue;
            }
            for (int seed = 0; seed < 5; seed++)
            {
                var (trainRows, testRows) = TrainTestSplit.Indices(y.Length, test, train, seed, stratify: y);
                var classes = y.Distinct().Order().ToArray();
                var trainCounts = classes.Select(k => trainRows.Count(i => y[i] == k)).ToArray();
                var testCounts = classes.Select(k => testRows.Count(i => y[i] == k)).ToArray();
                var expectedTrain = c.GetProperty("train_counts").Ints();
                var expectedTest = c.GetProperty("test_counts").Ints();
                Assert.Equal(expectedTrain.Sum(), trainCounts.Sum());
                Assert.Equal(expectedTest.Sum(), testCounts.Sum());
                if (c.GetProperty("exact").GetBoolean())
                {
                    Assert.True(expectedTrain.SequenceEqual(trainCounts), $"{name}: train {string.Join(",", trainCounts)}");
                    Assert.Equal(expectedTest, testCounts);
                }
                else
                {
                    for (int k = 0; k < classes.Length; k++) Assert.InRange(trainCounts[k] - expectedTrain[k], -1, 1);
                    for (int k = 0; k < classes.Length; k++) Assert.InRange(testCounts[k] - expectedTest[k], -1, 1);
                }
                Assert.Empty(trainRows.Intersect(testRows));
            }
        }
    }

    [Fact]
    public void Without_shuffle_the_first_rows_train()
    {
        var expected = Root.GetProperty("no_shuffle");
        var (train, test) = TrainTestSplit.Indices(10, 3, shuffle: false);
        Assert.Equal(expected[0].Ints(), train);
        Assert.Equal(expected[1].Ints(), test);
        var e = Assert.Throws<ParameterException>(() => TrainTestSplit.Indices(10, shuffle: false, stratify: Enumerable.Range(0, 10).Select(i => (double)(i % 2)).ToArray()));
        Assert.Equal(Root.GetProperty("no_shuffle_error").GetString(), e.Message);
    }

    [Fact]
    public void Split_returns_views_of_the_dataset_and_is_reproducible()
    {
        var iris = TestData.Load("iris");
        var (train, test) = TrainTestSplit.Split(iris, testSize: 0.2, randomState: 42, stratify: iris.Y);
        Assert.Equal(120, train.Count);
        Assert.Equal(30, test.Count);
        Assert.Same(iris, train.Source);
        Assert.Equal([10, 10, 10], test.Targets().GroupBy(v => v).OrderBy(g => g.Key).Select(g => g.Count()));
        var again = TrainTestSplit.Split(iris, testSize: 0.2, randomState: 42, stratify: iris.Y);
        Assert.Equal(again.TrainIndices, train.Indices);
        Assert.Equal(again.TestIndices, test.Indices);
        var other = TrainTestSplit.Split(iris, testSize: 0.2, randomState: 43, stratify: iris.Y);
        Assert.NotEqual(other.TestIndices, test.Indices);
        // Rows come shuffled, as scikit-learn returns them, not sorted.
        Assert.NotEqual(train.Indices!.Order(), train.Indices!);
    }

    [Fact]
    public void Estimators_fit_the_shuffled_views_like_their_copies()
    {
        var wine = TestData.Load("wine");
        var (train, test) = TrainTestSplit.Split(wine, testSize: 0.3, randomState: 1, stratify: wine.Y);
        var onView = (IPredictor)new DecisionTreeClassifier { RandomState = 0 }.Fit(train);
        var onCopy = (IPredictor)new DecisionTreeClassifier { RandomState = 0 }.Fit(train.Materialize());
        Assert.Equal(onCopy.Predict(test.Materialize()), onView.Predict(test));
        Assert.True(onView.Score(test) > 0.8);
    }

    [Fact]
    public void Unstratified_split_covers_every_row_once()
    {
        var (train, test) = TrainTestSplit.Indices(101, randomState: 3);
        Assert.Equal(Enumerable.Range(0, 101), train.Concat(test).Order());
        Assert.Equal(26, test.Length);
    }

    [Fact]
    public void Bad_stratify_labels_are_refused()
    {
        Assert.Contains("'stratify' has 3 labels but there are 4 samples",
            Assert.Throws<ParameterException>(() => TrainTestSplit.Indices(4, 2, stratify: [0, 1, 0])).Message);
        Assert.Contains("NaN at row 1",
            Assert.Throws<ParameterException>(() => TrainTestSplit.Indices(4, 2, stratify: [0, double.NaN, 0, 1])).Message);
    }

    [Fact]
    public void Approximate_mode_gives_leftover_draws_to_the_largest_remainders()
    {
        Assert.Equal([2, 1, 1], TrainTestSplit.ApproximateMode([5, 3, 2], 4, new Scalearn.Numerics.Rng(0)));
        var tie = TrainTestSplit.ApproximateMode([1, 1, 1, 1], 2, new Scalearn.Numerics.Rng(0));
        Assert.Equal(2, tie.Sum());
        Assert.All(tie, v => Assert.InRange(v, 0, 1));
    }
}
