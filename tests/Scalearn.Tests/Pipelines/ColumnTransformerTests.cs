using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Tests.Preprocessing;

namespace Scalearn.Tests.Pipelines;

public class ColumnTransformerTests
{
    public ColumnTransformerTests() => PipelineTestModels.EnsureRegistered();

    private static Dataset Data() => new(
        Matrix.FromRows([[20.0, 1.0, 100.0], [40.0, 2.0, 200.0], [60.0, 1.0, 300.0], [80.0, 2.0, 400.0]]),
        [0, 1, 0, 1], ["age", "rooms", "income"], name: "houses",
        textColumns: new Dictionary<string, string[]> { ["color"] = ["red", "blue", "red", "green"], ["city"] = ["a", "b", "a", "b"] });

    private static ColumnTransformer NumericAndCategorical() => new(
        ("num", new StandardScaler(), ["age"]),
        ("cat", new OneHotEncoder(), ["color", "rooms"]));

    [Fact]
    public void Concatenates_transformed_column_groups_with_prefixed_names()
    {
        var model = (ColumnTransformerModel)NumericAndCategorical().Fit(Data());
        var output = model.Transform(Data());
        Assert.Equal(["num__age", "cat__rooms_1.0", "cat__rooms_2.0", "cat__color_blue", "cat__color_green", "cat__color_red"], output.FeatureNames);
        Assert.Equal(output.FeatureNames, model.OutputFeatureNames);
        Assert.Equal(-Math.Sqrt(1.8), output.X[0, 0], 12); // (20 - 50) / sqrt(500)
        Assert.Equal([1.0, 0, 0, 0, 1], output.X.Row(0)[1..].ToArray());
        Assert.Equal([0.0, 1, 0, 1, 0], output.X.Row(3)[1..].ToArray());
        Assert.Equal([0.0, 1, 0, 1], output.Y!);
        Assert.Empty(output.TextColumns);
    }

    [Fact]
    public void Remainder_passthrough_keeps_unselected_numeric_and_text_columns()
    {
        var transformer = NumericAndCategorical();
        transformer.SetParam("remainder", "passthrough");
        var output = ((ITransformerModel)transformer.Fit(Data())).Transform(Data());
        Assert.Equal("remainder__income", output.FeatureNames[^1]);
        Assert.Equal([100.0, 200.0, 300.0, 400.0], output.X.Column(output.FeatureCount - 1));
        Assert.Equal(["a", "b", "a", "b"], output.TextColumns["remainder__city"]);
    }

    [Fact]
    public void Drop_and_passthrough_entries_and_plain_names()
    {
        var transformer = new ColumnTransformer(
            ColumnTransformerEntry.PassThrough("keep", "income"),
            ColumnTransformerEntry.Drop("gone", "age"))
        { Remainder = "passthrough", VerboseFeatureNamesOut = false };
        var output = ((ITransformerModel)transformer.Fit(Data())).Transform(Data());
        Assert.Equal(["income", "rooms"], output.FeatureNames);
        var e = Assert.Throws<ParameterException>(() => transformer.SetParam("keep__with_mean", false));
        Assert.Contains("has no parameters", e.Message);
        Assert.Equal(["city", "color"], output.TextColumns.Keys.Order());
    }

    [Fact]
    public void Duplicate_output_names_without_prefixes_are_an_error()
    {
        var transformer = new ColumnTransformer(ColumnTransformerEntry.PassThrough("a", "age"), ColumnTransformerEntry.PassThrough("b", "age"))
        { VerboseFeatureNamesOut = false };
        var e = Assert.Throws<ArgumentException>(() => ((ITransformerModel)transformer.Fit(Data())).Transform(Data()));
        Assert.Contains("verbose_feature_names_out", e.Message);
    }

    [Fact]
    public void Unknown_column_error_lists_the_available_columns()
    {
        var transformer = new ColumnTransformer(("num", new StandardScaler(), ["height"]));
        var e = Assert.Throws<ArgumentException>(() => transformer.Fit(Data()));
        Assert.Contains("'num'", e.Message);
        Assert.Contains("'height'", e.Message);
        Assert.Contains("age, rooms, income", e.Message);
        Assert.Contains("color", e.Message);
    }

    [Fact]
    public void Works_as_a_pipeline_step_on_row_views()
    {
        var data = Data();
        var pipe = new Pipeline(("prep", NumericAndCategorical()), ("clf", new CentroidTestClassifier()));
        var model = (ClassifierPipelineModel)pipe.Fit(data.Rows([0, 1, 2, 3]));
        Assert.Equal(data.Y, model.Predict(data));
        var rows = data.Rows([3, 0]);
        Assert.Equal([1.0, 0.0], model.Predict(rows));
        Assert.Equal(1.0, model.Score(rows));
    }

    [Fact]
    public void Nested_parameters_reach_the_transformer_and_errors_name_them()
    {
        var transformer = NumericAndCategorical();
        transformer.SetParam("cat__handle_unknown", "ignore");
        Assert.Equal("ignore", ((OneHotEncoder)transformer["cat"]!).HandleUnknown);
        var e = Assert.Throws<ParameterException>(() => transformer.SetParam("scale__with_mean", false));
        Assert.Contains("num, cat", e.Message);
        e = Assert.Throws<ParameterException>(() => transformer.SetParam("num__nope", 1));
        Assert.Equal("num__nope", e.Parameter);
        e = Assert.Throws<ParameterException>(() => transformer.SetParam("sparse_threshold", 0.3));
        Assert.Contains("remainder, transformers, verbose_feature_names_out", e.Message);
    }

    [Fact]
    public void A_transformer_can_be_replaced_by_a_keyword()
    {
        var transformer = NumericAndCategorical();
        transformer.SetParam("num", "drop");
        var output = ((ITransformerModel)transformer.Fit(Data())).Transform(Data());
        Assert.DoesNotContain("num__age", output.FeatureNames);
    }

    [Fact]
    public void Spec_round_trips_through_json_and_the_registry()
    {
        var transformer = new ColumnTransformer(
            new ColumnTransformerEntry("num", new MinMaxScaler { FeatureRange = new FeatureRange(-1, 1) }, ["age", "income"]),
            new ColumnTransformerEntry("cat", new OneHotEncoder { Drop = "first" }, ["color"]),
            ColumnTransformerEntry.PassThrough("raw", "rooms"))
        { Remainder = "passthrough" };
        string json = EstimatorSpec.Of(transformer).ToJson();
        Assert.Contains("\"passthrough\"", json);
        var rebuilt = Assert.IsType<ColumnTransformer>(EstimatorSpec.FromJson(json).Create());
        Assert.Equal(json, EstimatorSpec.Of(rebuilt).ToJson());
        Assert.Equal("first", ((OneHotEncoder)rebuilt["cat"]!).Drop);
        Assert.True(rebuilt.Transformers[2].Passthrough);
        Assert.Equal(
            ((ITransformerModel)transformer.Fit(Data())).Transform(Data()).X.Values,
            ((ITransformerModel)rebuilt.Fit(Data())).Transform(Data()).X.Values);
    }

    [Fact]
    public void Pipeline_containing_a_column_transformer_round_trips_through_the_spec()
    {
        var pipe = Pipeline.Make(NumericAndCategorical(), new StandardScaler());
        pipe.SetParam("columntransformer__cat__drop", "if_binary");
        var rebuilt = (Pipeline)EstimatorRegistry.Create(EstimatorSpec.FromJson(EstimatorSpec.Of(pipe).ToJson()));
        var inner = (ColumnTransformer)rebuilt["columntransformer"];
        Assert.Equal("if_binary", ((OneHotEncoder)inner["cat"]!).Drop);
    }

    [Fact]
    public void Clone_is_deep()
    {
        var transformer = NumericAndCategorical();
        var clone = (ColumnTransformer)transformer.Clone();
        clone.SetParam("num__with_mean", false);
        Assert.True(((StandardScaler)transformer["num"]!).WithMean);
        Assert.False(((StandardScaler)clone["num"]!).WithMean);
    }

    [Fact]
    public void Random_state_forwarding_skips_composites_without_randomized_parts()
    {
        var classifier = new CentroidTestClassifier();
        var pipe = new Pipeline(("prep", NumericAndCategorical()), ("clf", classifier));
        Assert.Null(pipe.RandomState);
        pipe.RandomState = 3;
        Assert.Equal(3, classifier.RandomState);
        Assert.Equal(3, pipe.RandomState);
    }

    [Fact]
    public void Payload_round_trips_with_nested_models()
    {
        var transformer = NumericAndCategorical();
        transformer.Remainder = "passthrough";
        var model = (ColumnTransformerModel)transformer.Fit(Data());
        var copy = PayloadRoundTrip.Copy(model, ColumnTransformerModel.ReadPayload);
        var expected = model.Transform(Data());
        var actual = copy.Transform(Data());
        Assert.Equal(expected.X.Values, actual.X.Values);
        Assert.Equal(expected.FeatureNames, actual.FeatureNames);
        Assert.Equal(expected.TextColumns["remainder__city"], actual.TextColumns["remainder__city"]);
    }

    [Fact]
    public void Pipeline_with_a_column_transformer_payload_round_trips()
    {
        var model = (ClassifierPipelineModel)new Pipeline(("prep", NumericAndCategorical()), ("clf", new CentroidTestClassifier())).Fit(Data());
        var copy = PayloadRoundTrip.Copy(model, ClassifierPipelineModel.ReadPayload);
        Assert.Equal(model.PredictProba(Data()).Values, copy.PredictProba(Data()).Values);
    }
}
