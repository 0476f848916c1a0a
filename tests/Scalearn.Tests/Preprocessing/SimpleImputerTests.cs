using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Preprocessing;

public class SimpleImputerTests
{
    private const double Nan = double.NaN;

    private static readonly Dataset Data = new(
        Matrix.FromRows([[1.0, 7.0, Nan], [Nan, 7.0, Nan], [3.0, 2.0, Nan], [10.0, Nan, Nan]]), [0, 1, 0, 1], ["a", "b", "c"]);

    private static Dataset Impute(SimpleImputer imputer) => ((ITransformerModel)imputer.Fit(Data)).Transform(Data);

    [Theory]
    [InlineData("mean", 14.0 / 3.0, 16.0 / 3.0)]
    [InlineData("median", 3.0, 7.0)]
    [InlineData("most_frequent", 1.0, 7.0)]
    public void Statistic_strategies_fill_the_missing_values(string strategy, double fillA, double fillB)
    {
        var imputer = new SimpleImputer();
        imputer.SetParam("strategy", strategy);
        var output = Impute(imputer);
        Assert.Equal(["a", "b"], output.FeatureNames);
        Assert.Equal(fillA, output.X[1, 0], 12);
        Assert.Equal(fillB, output.X[3, 1], 12);
        Assert.Equal(10.0, output.X[3, 0]);
        Assert.Equal([0.0, 1.0, 0.0, 1.0], output.Y!);
    }

    [Fact]
    public void Most_frequent_ties_go_to_the_smallest_value()
    {
        var x = Matrix.FromRows([[5.0], [2.0], [5.0], [2.0], [Nan]]);
        var model = (SimpleImputerModel)new SimpleImputer { Strategy = ImputerStrategy.MostFrequent }.Fit(x);
        Assert.Equal(2.0, model.Statistics[0]);
    }

    [Fact]
    public void Constant_strategy_keeps_empty_features_and_uses_fill_value()
    {
        var output = Impute(new SimpleImputer { Strategy = ImputerStrategy.Constant, FillValue = -1 });
        Assert.Equal(["a", "b", "c"], output.FeatureNames);
        Assert.Equal(-1.0, output.X[1, 0]);
        Assert.Equal([-1.0, -1.0, -1.0, -1.0], output.X.Column(2));
        var zero = Impute(new SimpleImputer { Strategy = ImputerStrategy.Constant });
        Assert.Equal(0.0, zero.X[3, 1]);
    }

    [Fact]
    public void Keep_empty_features_imputes_them_with_zero()
    {
        var output = Impute(new SimpleImputer { KeepEmptyFeatures = true });
        Assert.Equal(["a", "b", "c"], output.FeatureNames);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], output.X.Column(2));
    }

    [Fact]
    public void Add_indicator_appends_columns_for_features_with_missing_values()
    {
        var output = Impute(new SimpleImputer { AddIndicator = true });
        Assert.Equal(["a", "b", "missingindicator_a", "missingindicator_b", "missingindicator_c"], output.FeatureNames);
        Assert.Equal([0.0, 1.0, 0.0, 0.0], output.X.Column(2));
        Assert.Equal([0.0, 0.0, 0.0, 1.0], output.X.Column(3));
        Assert.Equal([1.0, 1.0, 1.0, 1.0], output.X.Column(4));
    }

    [Fact]
    public void Numeric_missing_values_placeholder()
    {
        var x = Matrix.FromRows([[-1.0], [4.0], [6.0]]);
        var output = ((ITransformerModel)new SimpleImputer { MissingValues = -1 }.Fit(x)).Transform(x);
        Assert.Equal([5.0, 4.0, 6.0], output.X.Column(0));
        var e = Assert.Throws<ArgumentException>(() => new SimpleImputer { MissingValues = -1 }.Fit(Data));
        Assert.Contains("row 0, column 2", e.Message);
    }

    [Fact]
    public void Unknown_strategy_lists_the_allowed_ones()
    {
        var e = Assert.Throws<ParameterException>(() => new SimpleImputer().SetParam("strategy", "mode"));
        Assert.Equal("strategy", e.Parameter);
        Assert.Contains("'most_frequent'", e.Message);
    }

    [Fact]
    public void Nan_placeholder_round_trips_through_the_spec_json()
    {
        var spec = EstimatorSpec.Of(new SimpleImputer { Strategy = ImputerStrategy.Median });
        var rebuilt = (SimpleImputer)EstimatorRegistry.Create(EstimatorSpec.FromJson(spec.ToJson()));
        Assert.True(double.IsNaN(rebuilt.MissingValues));
        Assert.Equal(ImputerStrategy.Median, rebuilt.Strategy);
    }

    [Fact]
    public void Text_columns_pass_through()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [Nan]]), null, ["a"], textColumns: new Dictionary<string, string[]> { ["color"] = ["red", "blue"] });
        var output = ((ITransformerModel)new SimpleImputer().Fit(data)).Transform(data.Rows([1]));
        Assert.Equal(["blue"], output.TextColumns["color"]);
        Assert.Equal(1.0, output.X[0, 0]);
    }

    [Fact]
    public void Payload_round_trips()
    {
        var model = (SimpleImputerModel)new SimpleImputer { AddIndicator = true, Strategy = ImputerStrategy.Median }.Fit(Data);
        var copy = PayloadRoundTrip.Copy(model, SimpleImputerModel.ReadPayload);
        Assert.Equal(model.Transform(Data).X.Values, copy.Transform(Data).X.Values);
        Assert.Equal(model.OutputFeatureNames, copy.OutputFeatureNames);
    }
}
