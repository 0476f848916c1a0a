using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Preprocessing;

public class OneHotEncoderTests
{
    private static Dataset Data() => new(Matrix.FromRows([[1.0], [2.5], [1.0], [2.5]]), [0, 1, 1, 0], ["size"],
        textColumns: new Dictionary<string, string[]> { ["color"] = ["red", "green", "blue", "green"] });

    private static Dataset Probe(double size, string color) =>
        new(Matrix.FromRows([[size]]), null, ["size"], textColumns: new Dictionary<string, string[]> { ["color"] = [color] });

    [Fact]
    public void Encodes_numeric_features_and_text_columns_with_sorted_categories()
    {
        var model = (OneHotEncoderModel)new OneHotEncoder().Fit(Data());
        Assert.Equal(["size_1.0", "size_2.5", "color_blue", "color_green", "color_red"], model.OutputFeatureNames);
        var output = model.Transform(Data());
        Assert.Equal([1.0, 0, 0, 0, 1], output.X.Row(0).ToArray());
        Assert.Equal([0.0, 1, 0, 1, 0], output.X.Row(1).ToArray());
        Assert.Equal([1.0, 0, 1, 0, 0], output.X.Row(2).ToArray());
        Assert.Empty(output.TextColumns);
        Assert.Equal([0.0, 1, 1, 0], output.Y!);
    }

    [Fact]
    public void Unknown_category_is_an_error_naming_the_column_and_the_value()
    {
        var model = (ITransformerModel)new OneHotEncoder().Fit(Data());
        var e = Assert.Throws<ArgumentException>(() => model.Transform(Probe(1.0, "purple")));
        Assert.Contains("'color'", e.Message);
        Assert.Contains("'purple'", e.Message);
        // A job restates it at the file's row.
        Assert.True(DataRowError.TryRestate(e, row => $"data row {10001 + row}", out string restated));
        Assert.Contains("'purple' in column 'color' at data row 10001 during transform", restated);
        e = Assert.Throws<ArgumentException>(() => model.Transform(Probe(3.0, "red")));
        Assert.Contains("'size'", e.Message);
        Assert.Contains("3.0", e.Message);
    }

    [Fact]
    public void Ignored_unknown_category_encodes_as_zeros()
    {
        var model = (ITransformerModel)new OneHotEncoder { HandleUnknown = "ignore" }.Fit(Data());
        Assert.Equal([0.0, 0, 0, 0, 1], model.Transform(Probe(7.0, "red")).X.Values);
    }

    [Fact]
    public void Drop_first_removes_each_first_category()
    {
        var model = (OneHotEncoderModel)new OneHotEncoder { Drop = "first" }.Fit(Data());
        Assert.Equal(["size_2.5", "color_green", "color_red"], model.OutputFeatureNames);
        Assert.Equal([0.0, 0, 0], model.Transform(Probe(1.0, "blue")).X.Values);
        Assert.Equal([1.0, 0, 1], model.Transform(Probe(2.5, "red")).X.Values);
    }

    [Fact]
    public void Drop_if_binary_only_touches_two_category_features()
    {
        var model = (OneHotEncoderModel)new OneHotEncoder { Drop = "if_binary" }.Fit(Data());
        Assert.Equal(["size_2.5", "color_blue", "color_green", "color_red"], model.OutputFeatureNames);
    }

    [Fact]
    public void Nan_is_its_own_category_sorted_last()
    {
        var model = (OneHotEncoderModel)new OneHotEncoder().Fit(Matrix.FromRows([[double.NaN], [3.0], [-1.0]]));
        Assert.Equal(["x0_-1.0", "x0_3.0", "x0_nan"], model.OutputFeatureNames);
        Assert.Equal([0.0, 0, 1], model.Transform(Matrix.FromRows([[double.NaN]])).X.Values);
    }

    [Fact]
    public void Parameters_have_clear_errors()
    {
        var encoder = new OneHotEncoder();
        Assert.Contains("'if_binary'", Assert.Throws<ParameterException>(() => encoder.SetParam("drop", "last")).Message);
        Assert.Contains("'ignore'", Assert.Throws<ParameterException>(() => encoder.SetParam("handle_unknown", "warn")).Message);
        Assert.Equal("sparse_output", Assert.Throws<ParameterException>(() => encoder.SetParam("sparse_output", true)).Parameter);
        encoder.SetParam("drop", null);
        Assert.Null(encoder.Drop);
    }

    [Fact]
    public void Transform_needs_the_fitted_text_columns()
    {
        var model = (ITransformerModel)new OneHotEncoder().Fit(Data());
        var e = Assert.Throws<ArgumentException>(() => model.Transform(Matrix.FromRows([[1.0]])));
        Assert.Contains("'color'", e.Message);
    }

    [Fact]
    public void Works_on_row_views()
    {
        var data = Data();
        var model = (ITransformerModel)new OneHotEncoder().Fit(data.Rows([1, 2]));
        var output = model.Transform(data.Rows([2, 1]));
        Assert.Equal(["size_1.0", "size_2.5", "color_blue", "color_green"], output.FeatureNames);
        Assert.Equal([1.0, 0, 1, 0, 0, 1, 0, 1], output.X.Values);
        Assert.Equal([1.0, 1.0], output.Y!);
    }

    [Fact]
    public void Payload_round_trips()
    {
        var model = (OneHotEncoderModel)new OneHotEncoder { Drop = "first", HandleUnknown = "ignore" }.Fit(Data());
        var copy = PayloadRoundTrip.Copy(model, OneHotEncoderModel.ReadPayload);
        Assert.Equal(model.OutputFeatureNames, copy.OutputFeatureNames);
        Assert.Equal(model.Transform(Data()).X.Values, copy.Transform(Data()).X.Values);
    }
}

public class OneHotEncoderFixedCategoriesTests
{
    private static Dataset Data() => new(Matrix.FromRows([[1.0], [2.5]]), null, ["size"],
        textColumns: new Dictionary<string, string[]> { ["color"] = ["red", "green"] });

    [Fact]
    public void Fixed_categories_keep_their_order_for_text_and_cover_unseen_values()
    {
        var encoder = new OneHotEncoder { Categories = EncoderCategories.Of(new[] { 1.0, 2.5, 4.0 }, new[] { "red", "green", "blue" }) };
        var model = (OneHotEncoderModel)encoder.Fit(Data());
        Assert.Equal(["size_1.0", "size_2.5", "size_4.0", "color_red", "color_green", "color_blue"], model.OutputFeatureNames);
        var probe = new Dataset(Matrix.FromRows([[4.0]]), null, ["size"], textColumns: new Dictionary<string, string[]> { ["color"] = ["blue"] });
        Assert.Equal([0.0, 0, 1, 0, 0, 1], model.Transform(probe).X.Values);
    }

    [Fact]
    public void Fixed_categories_round_trip_through_the_spec_json()
    {
        var encoder = new OneHotEncoder();
        encoder.SetParam("categories", new object?[] { new object?[] { 1L, 2.5 }, new object?[] { "red", "green" } });
        string json = EstimatorSpec.Of(encoder).ToJson();
        Assert.Contains("[[1.0,2.5],[\"red\",\"green\"]]", json);
        var rebuilt = (OneHotEncoder)EstimatorSpec.FromJson(json).Create();
        Assert.Equal(["size_1.0", "size_2.5", "color_red", "color_green"], ((OneHotEncoderModel)rebuilt.Fit(Data())).OutputFeatureNames);
        Assert.Equal("auto", new OneHotEncoder().GetParams()["categories"]);
    }

    [Fact]
    public void Fixed_categories_are_checked()
    {
        var encoder = new OneHotEncoder();
        Assert.Contains("sorted", Assert.Throws<ParameterException>(() => encoder.SetParam("categories", new object?[] { new object?[] { 2.0, 1.0 } })).Message);
        Assert.Contains("all numbers or all strings", Assert.Throws<ParameterException>(() => encoder.SetParam("categories", new object?[] { new object?[] { 1.0, "a" } })).Message);
        Assert.Equal("categories", Assert.Throws<ParameterException>(() => encoder.SetParam("categories", "manual")).Parameter);

        encoder.Categories = EncoderCategories.Of(new[] { 1.0, 2.5 });
        Assert.Contains("1 lists", Assert.Throws<ParameterException>(() => encoder.Fit(Data())).Message);
        encoder.Categories = EncoderCategories.Of(new[] { "a" }, new[] { "red", "green" });
        Assert.Contains("'size'", Assert.Throws<ParameterException>(() => encoder.Fit(Data())).Message);
        encoder.Categories = EncoderCategories.Of(new[] { 1.0 }, new[] { "red", "green" });
        var e = Assert.Throws<ArgumentException>(() => encoder.Fit(Data()));
        Assert.Contains("2.5", e.Message);
        Assert.Contains("during fit", e.Message);
        encoder.HandleUnknown = "ignore";
        Assert.Equal(["size_1.0", "color_red", "color_green"], ((OneHotEncoderModel)encoder.Fit(Data())).OutputFeatureNames);
    }
}
