using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Preprocessing;

/// <summary>LabelEncoder and OrdinalEncoder against scikit-learn 1.2.1 (Fixtures/Preprocessing/encoders.json).</summary>
public class EncoderFixtureTests
{
    private static JsonElement Root => Fixture.Load("Preprocessing", "encoders.json");

    private static Dataset SizeAndColor()
    {
        var input = Root.GetProperty("ordinal_input");
        var size = input.GetProperty("size").Numbers();
        return new Dataset(new Matrix(size, size.Length, 1), null, ["size"],
            textColumns: new Dictionary<string, string[]> { ["color"] = input.GetProperty("color").Strings() });
    }

    private static Dataset Unseen() => new(new Matrix([2.0, 5.0, double.NaN], 3, 1), null, ["size"],
        textColumns: new Dictionary<string, string[]> { ["color"] = ["purple", "red", "blue"] });

    private static void Same(JsonElement rows, Dataset actual) =>
        Fixture.Close(rows.EnumerateArray().SelectMany(r => r.Numbers()).ToArray(), actual.X.Values, what: "codes");

    [Fact]
    public void Label_encoder_on_numbers()
    {
        var expected = Root.GetProperty("label_numeric");
        var y = expected.GetProperty("y").Numbers();
        var model = (LabelEncoderModel)new LabelEncoder().Fit(new Dataset(new Matrix(y.Length, 0), y));
        Assert.Equal(expected.GetProperty("classes").Numbers(), model.Classes);
        Assert.Equal(expected.GetProperty("encoded").Numbers(), model.Transform(y));
        Assert.Equal(expected.GetProperty("inverse").Numbers(), model.InverseTransform([0, 3, 1]));
        Assert.Equal(expected.GetProperty("unseen_error").GetString(), Assert.Throws<ArgumentException>(() => model.Transform([3, 5, 4, 5])).Message);
        Assert.Contains("previously unseen labels: [7]", Assert.Throws<ArgumentException>(() => model.InverseTransform([7])).Message);
    }

    [Fact]
    public void Label_encoder_on_strings()
    {
        var expected = Root.GetProperty("label_text");
        var words = expected.GetProperty("y").Strings();
        var model = LabelEncoder.FitLabels(words);
        Assert.Equal(expected.GetProperty("classes").Strings(), model.TextClasses);
        Assert.Equal(expected.GetProperty("encoded").Numbers(), model.Transform(words));
        Assert.Equal(["amsterdam", "tokyo"], model.InverseTransformLabels([1, 3]));
        Assert.StartsWith("y contains previously unseen labels: ['rome']", Assert.Throws<ArgumentException>(() => model.Transform(["rome", "paris"])).Message);
    }

    [Fact]
    public void Label_encoder_transforms_the_target_of_a_dataset_and_survives_a_model_file()
    {
        var iris = TestData.Load("iris");
        var shifted = new Dataset(iris.X, iris.Y!.Select(v => v * 10 + 5).ToArray(), iris.FeatureNames);
        var model = (LabelEncoderModel)EstimatorRegistry.Create("label-encoder").Fit(shifted);
        var encoded = model.Transform(shifted.Rows([0, 50, 149]));
        Assert.Equal([0.0, 1, 2], encoded.Y!);
        Assert.Equal(iris.X.Row(50).ToArray(), encoded.X.Row(1).ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"label-{Guid.NewGuid():N}.scalearn");
        ModelFile.Save(path, model);
        var loaded = (LabelEncoderModel)ModelFile.Load(path).Model;
        File.Delete(path);
        Assert.Equal(model.Classes, loaded.Classes);
        Assert.Contains("no target column", Assert.Throws<ArgumentException>(() => new LabelEncoder().Fit(new Dataset(iris.X))).Message);
        Assert.Contains("NaN at row 1", Assert.Throws<ArgumentException>(() => new LabelEncoder().Fit(new Dataset(new Matrix(2, 1), [1, double.NaN]))).Message);
    }

    [Fact]
    public void Ordinal_encoder_learns_sorted_categories_and_encodes_missing_values()
    {
        var expected = Root.GetProperty("ordinal_auto");
        var model = (OrdinalEncoderModel)new OrdinalEncoder().Fit(SizeAndColor());
        Fixture.Close(expected.GetProperty("size_categories").Numbers(), model.Features[0].NumericCategories!.ToArray());
        Assert.Equal(expected.GetProperty("color_categories").Strings(), model.Features[1].TextCategories);
        var output = model.Transform(SizeAndColor());
        Same(expected.GetProperty("transformed"), output);
        Assert.Equal(["size", "color"], output.FeatureNames);
        Assert.Empty(output.TextColumns);
        Assert.StartsWith(expected.GetProperty("unknown_error").GetString()!, Assert.Throws<ArgumentException>(() => model.Transform(Unseen())).Message);
    }

    [Fact]
    public void Ordinal_encoder_use_encoded_value_and_given_categories()
    {
        var encoder = new OrdinalEncoder { HandleUnknown = "use_encoded_value", UnknownValue = -1, EncodedMissingValue = -2 };
        Same(Root.GetProperty("ordinal_unknown").GetProperty("transformed"), ((ITransformerModel)encoder.Fit(SizeAndColor())).Transform(Unseen()));
        var given = new OrdinalEncoder { Categories = EncoderCategories.Of(new[] { 1.0, 2.0, 3.0, double.NaN }, new[] { "red", "green", "blue", "Red" }) };
        Same(Root.GetProperty("ordinal_given").GetProperty("transformed"), ((ITransformerModel)given.Fit(SizeAndColor())).Transform(SizeAndColor()));
    }

    [Fact]
    public void Ordinal_encoder_refuses_what_scikit_learn_refuses()
    {
        var errors = Root.GetProperty("ordinal_errors");
        string Error(string key) => errors.GetProperty(key).GetString()!;
        var missingThree = new OrdinalEncoder { Categories = EncoderCategories.Of(new[] { 1.0, 2.0, double.NaN }, new[] { "red", "green", "blue", "Red" }) };
        Assert.StartsWith(Error("fit_unknown"), Assert.Throws<ArgumentException>(() => missingThree.Fit(SizeAndColor())).Message);
        Assert.Equal(Error("no_unknown_value"), Assert.Throws<ParameterException>(() => new OrdinalEncoder { HandleUnknown = "use_encoded_value" }.Fit(SizeAndColor())).Message);
        Assert.Equal(Error("unknown_value_without_mode"), Assert.Throws<ParameterException>(() => new OrdinalEncoder { UnknownValue = -1 }.Fit(SizeAndColor())).Message);
        Assert.Equal(Error("unknown_value_used"),
            Assert.Throws<ParameterException>(() => new OrdinalEncoder { HandleUnknown = "use_encoded_value", UnknownValue = 1 }.Fit(SizeAndColor())).Message);
        var sizeOnly = new Dataset(new Matrix(Root.GetProperty("ordinal_input").GetProperty("size").Numbers(), 6, 1));
        Assert.StartsWith(Error("missing_value_used").Split(": [")[0],
            Assert.Throws<ParameterException>(() => new OrdinalEncoder { EncodedMissingValue = 0 }.Fit(sizeOnly)).Message);
        Assert.Equal("unknown_value", Assert.Throws<ParameterException>(() => new OrdinalEncoder { UnknownValue = 0.5 }).Parameter);
        Assert.Equal("handle_unknown", Assert.Throws<ParameterException>(() => new OrdinalEncoder { HandleUnknown = "ignore" }).Parameter);
        Assert.Equal("dtype", Assert.Throws<ParameterException>(() => new OrdinalEncoder().SetParam("dtype", "int32")).Parameter);
        new OrdinalEncoder().SetParam("dtype", "float64");
    }

    [Fact]
    public void Ordinal_codes_invert_and_survive_a_model_file()
    {
        var encoder = new OrdinalEncoder { HandleUnknown = "use_encoded_value", UnknownValue = -1 };
        Assert.IsType<OrdinalEncoder>(EstimatorRegistry.Create("ordinal-encoder"));
        var model = (OrdinalEncoderModel)encoder.Fit(SizeAndColor());
        var copy = PayloadRoundTrip.Copy(model, OrdinalEncoderModel.ReadPayload);
        var codes = copy.Transform(Unseen());
        Assert.Equal(model.Transform(Unseen()).X.Values, codes.X.Values);
        var back = copy.InverseTransform(codes);
        Assert.Equal([2.0, double.NaN, double.NaN], back.X.Values);
        Assert.Equal(new string?[] { null, "red", "blue" }, back.TextColumns["color"]);
        Assert.Contains("not a category index", Assert.Throws<ArgumentException>(() => copy.InverseTransform(new Matrix([7.0, 0], 1, 2))).Message);
    }
}
