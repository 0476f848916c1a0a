using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Preprocessing;

public class StandardScalerTests
{
    private static Dataset Small() => new(Matrix.FromRows([[1.0, 2.0], [3.0, 2.0], [5.0, 2.0]]), [0, 1, 0], ["a", "b"]);

    [Fact]
    public void Standardizes_with_population_variance_and_unit_scale_for_constant_features()
    {
        var model = (StandardScalerModel)new StandardScaler().Fit(Small());
        Assert.Equal([3.0, 2.0], model.Mean);
        Assert.Equal(8.0 / 3.0, model.Variance[0], 14);
        Assert.Equal(0.0, model.Variance[1]);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), model.Scale[0], 14);
        Assert.Equal(1.0, model.Scale[1]);

        var z = model.Transform(Small());
        Assert.Equal(-1.2247448713915890, z.X[0, 0], 14);
        Assert.Equal(0.0, z.X[1, 0], 14);
        Assert.Equal(1.2247448713915890, z.X[2, 0], 14);
        Assert.Equal(0.0, z.X[2, 1]);
        Assert.Equal(["a", "b"], z.FeatureNames);
        Assert.Equal([0.0, 1.0, 0.0], z.Y!);
    }

    [Fact]
    public void Near_constant_feature_from_rounding_gets_scale_one()
    {
        var x = Matrix.FromRows(Enumerable.Repeat(new[] { 0.1 + 0.2 }, 7).Append([0.3]).ToArray());
        var model = (StandardScalerModel)new StandardScaler().Fit(x);
        Assert.Equal(1.0, model.Scale[0]);
    }

    [Fact]
    public void With_mean_false_only_scales_and_with_std_false_only_centers()
    {
        var scaleOnly = new StandardScaler { WithMean = false }.Fit(Small());
        Assert.Equal(1 / Math.Sqrt(8.0 / 3.0), ((ITransformerModel)scaleOnly).Transform(Small()).X[0, 0], 14);
        var centerOnly = new StandardScaler();
        centerOnly.SetParam("with_std", false);
        Assert.Equal(-2.0, ((ITransformerModel)centerOnly.Fit(Small())).Transform(Small()).X[0, 0]);
    }

    [Fact]
    public void Ignores_nan_when_fitting_and_keeps_it_when_transforming()
    {
        var x = Matrix.FromRows([[1.0], [double.NaN], [3.0]]);
        var model = (StandardScalerModel)new StandardScaler().Fit(x);
        Assert.Equal(2.0, model.Mean[0]);
        Assert.Equal(1.0, model.Variance[0]);
        Assert.Equal(2L, model.SamplesSeen[0]);
        var z = model.Transform(x);
        Assert.Equal(-1.0, z.X[0, 0]);
        Assert.True(double.IsNaN(z.X[1, 0]));
    }

    [Fact]
    public void Partial_fit_in_chunks_equals_fit()
    {
        var iris = TestData.Load("iris");
        var full = (StandardScalerModel)new StandardScaler().Fit(iris);
        var learner = new StandardScaler().StartIncremental();
        int[][] chunks = [Enumerable.Range(0, 50).ToArray(), Enumerable.Range(50, 37).ToArray(), Enumerable.Range(87, iris.Count - 87).ToArray()];
        foreach (var rows in chunks) learner.PartialFit(iris.Rows(rows));
        var incremental = (StandardScalerModel)learner.Snapshot();

        Assert.Equal(iris.Count, learner.RowsSeen);
        for (int j = 0; j < iris.FeatureCount; j++)
        {
            Assert.Equal(full.Mean[j], incremental.Mean[j], 12);
            Assert.Equal(full.Variance[j], incremental.Variance[j], 12);
            var column = iris.X.Column(j);
            double mean = column.Average();
            Assert.Equal(mean, full.Mean[j], 12);
            Assert.Equal(column.Sum(v => (v - mean) * (v - mean)) / column.Length, full.Variance[j], 12);
        }
    }

    [Fact]
    public void Partial_fit_is_stable_for_large_offsets()
    {
        // Naive sum-of-squares loses every digit here; the pairwise merge keeps the variance of 1e9 + {0, 1, 2, 3}.
        var learner = new StandardScaler().StartIncremental();
        learner.PartialFit(Matrix.FromRows([[1e9], [1e9 + 1]]));
        learner.PartialFit(Matrix.FromRows([[1e9 + 2], [1e9 + 3]]));
        var model = (StandardScalerModel)learner.Snapshot();
        Assert.Equal(1.25, model.Variance[0], 9);
        Assert.Equal(1e9 + 1.5, model.Mean[0], 6);
    }

    [Fact]
    public void Partial_fit_rejects_a_chunk_with_another_feature_count()
    {
        var learner = new StandardScaler().StartIncremental();
        learner.PartialFit(Small());
        var e = Assert.Throws<ArgumentException>(() => learner.PartialFit(Matrix.FromRows([[1.0]])));
        Assert.Contains("2 features", e.Message);
    }

    [Fact]
    public void Transform_checks_feature_count_and_rejects_infinity()
    {
        var model = (ITransformerModel)new StandardScaler().Fit(Small());
        Assert.Throws<ArgumentException>(() => model.Transform(Matrix.FromRows([[1.0]])));
        var e = Assert.Throws<ArgumentException>(() => model.Transform(Matrix.FromRows([[1.0, double.PositiveInfinity]])));
        Assert.Contains("row 0, column 1", e.Message);
    }

    [Fact]
    public void Is_registered_with_scikit_learn_defaults()
    {
        var scaler = EstimatorRegistry.Create("standard-scaler");
        Assert.Equal(new Dictionary<string, object?> { ["copy"] = true, ["with_mean"] = true, ["with_std"] = true }, scaler.GetParams());
    }

    [Fact]
    public void Payload_round_trips()
    {
        var model = (StandardScalerModel)new StandardScaler().Fit(TestData.Load("wine"));
        var copy = PayloadRoundTrip.Copy(model, StandardScalerModel.ReadPayload);
        Assert.Equal(model.Transform(TestData.Load("wine")).X.Values, copy.Transform(TestData.Load("wine")).X.Values);
        Assert.Equal(model.FeatureNames, copy.FeatureNames);
    }

    [Fact]
    public void Inverse_transform_restores_the_input()
    {
        var wine = TestData.Load("wine");
        foreach (var scaler in new[] { new StandardScaler(), new StandardScaler { WithMean = false }, new StandardScaler { WithStd = false } })
        {
            var model = (StandardScalerModel)scaler.Fit(wine);
            var restored = model.InverseTransform(model.Transform(wine)).X.Values;
            for (int k = 0; k < restored.Length; k++) Assert.Equal(wine.X.Values[k], restored[k], 9);
        }
    }
}
