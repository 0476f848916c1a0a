using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Preprocessing;

public class MinMaxScalerTests
{
    private static readonly Dataset Data = new(Matrix.FromRows([[1.0, 5.0], [3.0, 5.0], [5.0, 5.0]]), null, ["a", "b"]);

    [Fact]
    public void Maps_training_range_to_unit_interval_and_constant_features_to_the_range_minimum()
    {
        var model = (MinMaxScalerModel)new MinMaxScaler().Fit(Data);
        var z = model.Transform(Data);
        Assert.Equal([0.0, 0.0, 0.5, 0.0, 1.0, 0.0], z.X.Values);
        Assert.Equal([1.0, 5.0], model.DataMin);
        Assert.Equal([5.0, 5.0], model.DataMax);
        Assert.Equal(["a", "b"], z.FeatureNames);
    }

    [Fact]
    public void Custom_feature_range_from_a_raw_list()
    {
        var scaler = new MinMaxScaler();
        scaler.SetParam("feature_range", new object?[] { -1L, 3.0 });
        Assert.Equal(new object?[] { -1.0, 3.0 }, (object?[])scaler.GetParams()["feature_range"]!);
        var z = ((ITransformerModel)scaler.Fit(Data)).Transform(Matrix.FromRows([[1.0, 5.0], [2.0, 5.0], [5.0, 5.0], [7.0, 5.0]]));
        Assert.Equal([-1.0, 0.0, 3.0, 5.0], z.X.Column(0));
        Assert.Equal(-1.0, z.X[0, 1]);
    }

    [Fact]
    public void Clip_keeps_out_of_range_inputs_inside_the_feature_range()
    {
        var scaler = new MinMaxScaler { FeatureRange = new FeatureRange(-1, 3), Clip = true };
        var z = ((ITransformerModel)scaler.Fit(Data)).Transform(Matrix.FromRows([[-3.0, 5.0], [7.0, 5.0]]));
        Assert.Equal([-1.0, 3.0], z.X.Column(0));
    }

    public static TheoryData<object?[]> InvalidRanges => new() { new object?[] { 1.0, 1.0 }, new object?[] { 2.0, 1.0 }, new object?[] { 0.0 } };

    [Theory]
    [MemberData(nameof(InvalidRanges))]
    public void Invalid_feature_range_is_a_parameter_error(object?[] raw)
    {
        var e = Assert.Throws<ParameterException>(() => new MinMaxScaler().SetParam("feature_range", raw));
        Assert.Equal("feature_range", e.Parameter);
        Assert.Contains("min < max", e.Message);
    }

    [Fact]
    public void Feature_range_round_trips_through_the_spec_json()
    {
        var spec = EstimatorSpec.Of(new MinMaxScaler { FeatureRange = new FeatureRange(-2, 2) });
        var rebuilt = (MinMaxScaler)EstimatorRegistry.Create(EstimatorSpec.FromJson(spec.ToJson()));
        Assert.Equal(new FeatureRange(-2, 2), rebuilt.FeatureRange);
    }

    [Fact]
    public void Partial_fit_equals_fit()
    {
        var wine = TestData.Load("wine");
        var learner = new MinMaxScaler().StartIncremental();
        learner.PartialFit(wine.Rows(Enumerable.Range(0, 100).ToArray()));
        learner.PartialFit(wine.Rows(Enumerable.Range(100, wine.Count - 100).ToArray()));
        var incremental = (MinMaxScalerModel)learner.Snapshot();
        var full = (MinMaxScalerModel)new MinMaxScaler().Fit(wine);
        Assert.Equal(full.DataMin, incremental.DataMin);
        Assert.Equal(full.DataMax, incremental.DataMax);
        Assert.Equal(full.Transform(wine).X.Values, incremental.Transform(wine).X.Values);
    }

    [Fact]
    public void Nan_is_ignored_in_fit_and_kept_in_transform()
    {
        var x = Matrix.FromRows([[double.NaN], [2.0], [4.0]]);
        var model = (MinMaxScalerModel)new MinMaxScaler().Fit(x);
        var z = model.Transform(x);
        Assert.True(double.IsNaN(z.X[0, 0]));
        Assert.Equal([0.0, 1.0], z.X.Column(0)[1..]);
    }

    [Fact]
    public void Payload_round_trips()
    {
        var model = (MinMaxScalerModel)new MinMaxScaler { FeatureRange = new FeatureRange(-1, 1), Clip = true }.Fit(TestData.Load("wine"));
        var copy = PayloadRoundTrip.Copy(model, MinMaxScalerModel.ReadPayload);
        var probe = Matrix.FromRows([Enumerable.Range(0, 13).Select(j => j * 100.0).ToArray()]);
        Assert.Equal(model.Transform(probe).X.Values, copy.Transform(probe).X.Values);
    }

    [Fact]
    public void Inverse_transform_restores_the_input()
    {
        var wine = TestData.Load("wine");
        var model = (MinMaxScalerModel)new MinMaxScaler { FeatureRange = new FeatureRange(-1, 3) }.Fit(wine);
        var restored = model.InverseTransform(model.Transform(wine)).X.Values;
        for (int k = 0; k < restored.Length; k++) Assert.Equal(wine.X.Values[k], restored[k], 9);
    }
}
