using Xunit.Abstractions;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Neighbors;
using static Scalearn.Tests.Neighbors.NeighborTestData;

namespace Scalearn.Tests.Neighbors;

public class KNeighborsClassifierTests(ITestOutputHelper output)
{
    private static readonly Dataset Line = new(Matrix.FromRows([[0.0], [1.0], [2.0], [10.0], [11.0]]), [0, 0, 1, 1, 1]);

    [Fact]
    public void Uniform_vote_and_probabilities()
    {
        var model = (KNeighborsClassifierModel)new KNeighborsClassifier { NNeighbors = 3 }.Fit(Line);
        var proba = model.PredictProba(Matrix.FromRows([[0.4], [10.5]]));
        Assert.Equal(new[] { 2 / 3.0, 1 / 3.0 }, proba.Row(0).ToArray());
        Assert.Equal(new[] { 0.0, 1.0 }, proba.Row(1).ToArray());
        Assert.Equal([0.0, 1.0], model.Predict(Matrix.FromRows([[0.4], [10.5]])));
        Assert.True(EstimatorTraits.IsClassifier(new KNeighborsClassifier()));
    }

    [Fact]
    public void Distance_weights_follow_inverse_distance()
    {
        var model = (KNeighborsClassifierModel)new KNeighborsClassifier { NNeighbors = 3, Weights = NeighborWeights.Distance }.Fit(Line);
        // Query 1.8: neighbours 2 (d 0.2, class 1), 1 (d 0.8, class 0), 0 (d 1.8, class 0).
        var proba = model.PredictProba(Matrix.FromRows([[1.8]])).Row(0);
        double w1 = 1 / 0.2, w0 = 1 / 0.8 + 1 / 1.8;
        Assert.Equal(w0 / (w0 + w1), proba[0], 12);
        Assert.Equal(1.0, model.Predict(Matrix.FromRows([[1.8]]))[0]);
    }

    [Fact]
    public void Zero_distance_neighbours_take_all_the_weight()
    {
        var data = new Dataset(Matrix.FromRows([[0.0], [0.0], [0.1], [0.2]]), [0, 1, 1, 1]);
        var model = (KNeighborsClassifierModel)new KNeighborsClassifier { NNeighbors = 4, Weights = NeighborWeights.Distance }.Fit(data);
        Assert.Equal(new[] { 0.5, 0.5 }, model.PredictProba(Matrix.FromRows([[0.0]])).Row(0).ToArray());
        var regressor = (KNeighborsRegressorModel)new KNeighborsRegressor { NNeighbors = 3, Weights = NeighborWeights.Distance }
            .Fit(new Dataset(Matrix.FromRows([[0.0], [0.0], [1.0]]), [2.0, 4.0, 100.0]));
        Assert.Equal(3.0, regressor.Predict(Matrix.FromRows([[0.0]]))[0], 12);
    }

    [Fact]
    public void Regressor_averages_neighbour_targets()
    {
        var data = new Dataset(Matrix.FromRows([[0.0], [1.0], [3.0], [7.0]]), [1.0, 2.0, 4.0, 8.0]);
        var uniform = (KNeighborsRegressorModel)new KNeighborsRegressor { NNeighbors = 2 }.Fit(data);
        Assert.Equal(1.5, uniform.Predict(Matrix.FromRows([[0.2]]))[0], 12);
        var weighted = (KNeighborsRegressorModel)new KNeighborsRegressor { NNeighbors = 2, Weights = NeighborWeights.Distance }.Fit(data);
        double expected = (2 / 0.6 + 4 / 1.4) / (1 / 0.6 + 1 / 1.4);
        Assert.Equal(expected, weighted.Predict(Matrix.FromRows([[1.6]]))[0], 12);
        Assert.Equal(1.0, uniform.Score(new Dataset(Matrix.FromRows([[0.5], [5.0]]), [1.5, 6.0])), 12);
    }

    [Theory]
    [InlineData("digits", 0.9766)]
    [InlineData("iris", 0.9533)]
    [InlineData("breast_cancer", 0.9649)]
    [InlineData("wine", 0.9608)]
    public void Standardized_five_fold_accuracy_matches_scikit_learn(string dataset, double reference)
    {
        double accuracy = StratifiedCv.MeanAccuracy(TestData.Load(dataset), new KNeighborsClassifier());
        output.WriteLine($"{dataset}: {accuracy:F4} (scikit-learn {reference:F4})");
        Assert.InRange(accuracy, reference - 0.015, reference + 0.015);
    }

    [Fact]
    public void Payload_round_trip_and_feature_checks()
    {
        var data = TestData.Load("iris");
        var model = (KNeighborsClassifierModel)new KNeighborsClassifier { Weights = NeighborWeights.Distance }.Fit(data);
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var copy = KNeighborsClassifierModel.ReadPayload(new BinaryReader(stream), 1);
        Assert.Equal(model.PredictProba(data).Values, copy.PredictProba(data).Values);
        Assert.Equal(model.Classes, copy.Classes);
        Assert.Contains("4 features", Assert.Throws<ArgumentException>(() => model.Predict(Gaussian(3, 5, 1))).Message);

        var regressor = (KNeighborsRegressorModel)new KNeighborsRegressor().Fit(TestData.Load("diabetes"));
        using var second = new MemoryStream();
        regressor.WritePayload(new BinaryWriter(second));
        second.Position = 0;
        var regressorCopy = KNeighborsRegressorModel.ReadPayload(new BinaryReader(second), 1);
        Assert.Equal(regressor.Predict(TestData.Load("diabetes")), regressorCopy.Predict(TestData.Load("diabetes")));
    }

    [Fact]
    public void Too_few_training_rows_for_n_neighbors_fails_at_prediction_with_both_numbers()
    {
        var model = (KNeighborsClassifierModel)new KNeighborsClassifier { NNeighbors = 9 }.Fit(Line);
        var e = Assert.Throws<ArgumentException>(() => model.Predict(Matrix.FromRows([[1.0]])));
        Assert.Contains("n_neighbors = 9", e.Message);
        Assert.Contains("n_samples_fit = 5", e.Message);
    }
}
