using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Tests.Preprocessing;

namespace Scalearn.Tests.Pipelines;

public class PipelineTests
{
    public PipelineTests() => PipelineTestModels.EnsureRegistered();

    private static Pipeline ScalerAndCentroid() => Pipeline.Make(new StandardScaler(), new CentroidTestClassifier());

    [Fact]
    public void Make_names_steps_by_lowercase_type_and_numbers_repeats()
    {
        var pipe = Pipeline.Make(new StandardScaler(), new StandardScaler(), new CentroidTestClassifier());
        Assert.Equal(["standardscaler-1", "standardscaler-2", "centroidtestclassifier"], pipe.Steps.Select(s => s.Name));
    }

    [Fact]
    public void Get_params_holds_only_the_steps_with_their_specs()
    {
        var pipe = Pipeline.Make(new StandardScaler { WithMean = false });
        var parameters = pipe.GetParams();
        Assert.Equal(["steps"], parameters.Keys);
        var pair = Assert.IsType<object?[]>(Assert.Single(Assert.IsType<object?[]>(parameters["steps"])));
        Assert.Equal("standardscaler", pair[0]);
        var spec = Assert.IsType<EstimatorSpec>(pair[1]);
        Assert.Equal("StandardScaler", spec.Type);
        Assert.Equal(false, spec.Parameters["with_mean"]);
    }

    [Fact]
    public void Nested_parameters_reach_the_step()
    {
        var pipe = ScalerAndCentroid();
        pipe.SetParam("standardscaler__with_mean", false);
        pipe.SetParam("standardscaler__WithStd", "false");
        var scaler = (StandardScaler)pipe["standardscaler"];
        Assert.False(scaler.WithMean);
        Assert.False(scaler.WithStd);
    }

    [Fact]
    public void Unknown_step_error_lists_the_valid_step_names()
    {
        var e = Assert.Throws<ParameterException>(() => ScalerAndCentroid().SetParam("svc__C", 1.0));
        Assert.Equal("svc__C", e.Parameter);
        Assert.Contains("standardscaler, centroidtestclassifier", e.Message);
    }

    [Fact]
    public void Unknown_step_parameter_error_names_the_full_parameter_and_the_valid_ones()
    {
        var e = Assert.Throws<ParameterException>(() => ScalerAndCentroid().SetParam("standardscaler__C", 1.0));
        Assert.Equal("standardscaler__C", e.Parameter);
        Assert.Contains("standardscaler", e.Message);
        Assert.Contains("with_mean", e.Message);
    }

    [Fact]
    public void Plain_unknown_parameter_error_lists_steps_and_step_names()
    {
        var e = Assert.Throws<ParameterException>(() => ScalerAndCentroid().SetParam("memory", null));
        Assert.Contains("steps", e.Message);
        Assert.Contains("centroidtestclassifier", e.Message);
    }

    [Fact]
    public void A_step_can_be_replaced_by_name()
    {
        var pipe = ScalerAndCentroid();
        pipe.SetParam("standardscaler", new EstimatorSpec("StandardScaler", new Dictionary<string, object?> { ["with_std"] = false }));
        Assert.False(((StandardScaler)pipe["standardscaler"]).WithStd);
    }

    [Theory]
    [InlineData("a__b")]
    [InlineData("steps")]
    [InlineData("")]
    public void Invalid_step_names_are_rejected(string name)
    {
        var e = Assert.Throws<ParameterException>(() => new Pipeline((name, new StandardScaler())));
        Assert.Equal("steps", e.Parameter);
    }

    [Fact]
    public void Duplicate_step_names_are_rejected()
    {
        var pipe = new Pipeline();
        var steps = new object?[] { new object?[] { "s", "standard-scaler" }, new object?[] { "s", "standard-scaler" } };
        var e = Assert.Throws<ParameterException>(() => pipe.SetParam("steps", steps));
        Assert.Contains("unique", e.Message);
    }

    [Fact]
    public void Spec_round_trips_through_json_and_the_registry()
    {
        var pipe = Pipeline.Make(new StandardScaler { WithMean = false }, new StandardScaler());
        var spec = EstimatorSpec.Of(pipe);
        string json = spec.ToJson();
        var parsed = EstimatorSpec.FromJson(json);
        Assert.Equal(spec, parsed);
        Assert.Equal(json, parsed.ToJson());

        var rebuilt = Assert.IsType<Pipeline>(EstimatorRegistry.Create(parsed));
        Assert.Equal(["standardscaler-1", "standardscaler-2"], rebuilt.Steps.Select(s => s.Name));
        Assert.False(((StandardScaler)rebuilt["standardscaler-1"]).WithMean);
        Assert.True(((StandardScaler)rebuilt["standardscaler-2"]).WithMean);
        Assert.Equal(json, EstimatorSpec.Of(rebuilt).ToJson());
    }

    [Fact]
    public void Clone_is_deep()
    {
        var pipe = ScalerAndCentroid();
        var clone = (Pipeline)pipe.Clone();
        clone.SetParam("standardscaler__with_mean", false);
        Assert.True(((StandardScaler)pipe["standardscaler"]).WithMean);
        Assert.NotSame(pipe["centroidtestclassifier"], clone["centroidtestclassifier"]);
        Assert.Equal(typeof(CentroidTestClassifier), clone["centroidtestclassifier"].GetType());
    }

    [Fact]
    public void Random_state_is_null_until_every_randomized_step_has_one_and_setting_keeps_chosen_seeds()
    {
        var first = new CentroidTestClassifier();
        var second = new CentroidTestClassifier { RandomState = 7 };
        var pipe = new Pipeline(("scale", new StandardScaler()), ("a", first), ("b", second));
        Assert.Null(pipe.RandomState);
        pipe.RandomState = 42;
        Assert.Equal(42, first.RandomState);
        Assert.Equal(7, second.RandomState);
        Assert.Equal(42, pipe.RandomState);
    }

    [Fact]
    public void Classifier_pipeline_is_a_classifier_and_forwards_predictions()
    {
        var iris = TestData.Load("iris");
        var pipe = ScalerAndCentroid();
        Assert.True(EstimatorTraits.IsClassifier(pipe));
        Assert.False(EstimatorTraits.IsClassifier(Pipeline.Make(new StandardScaler())));

        var model = pipe.Fit(iris);
        var classifier = Assert.IsAssignableFrom<IClassifierModel>(model);
        Assert.IsAssignableFrom<IDecisionFunction>(model);
        Assert.Equal([0.0, 1.0, 2.0], classifier.Classes);

        var scaled = ((ITransformerModel)new StandardScaler().Fit(iris)).Transform(iris);
        var direct = (CentroidTestModel)new CentroidTestClassifier().Fit(scaled);
        Assert.Equal(direct.Predict(scaled), classifier.Predict(iris));
        Assert.Equal(direct.PredictProba(scaled).Values, classifier.PredictProba(iris).Values);
        Assert.Equal(direct.Score(scaled), classifier.Score(iris));
        Assert.True(classifier.Score(iris) > 0.8);
    }

    [Fact]
    public void Fits_on_a_row_view()
    {
        var iris = TestData.Load("iris");
        var rows = Enumerable.Range(0, iris.Count).Where(i => i % 3 != 0).ToArray();
        var model = (PipelineModel)ScalerAndCentroid().Fit(iris.Rows(rows));
        var scaler = (StandardScalerModel)model["standardscaler"];
        Assert.Equal(rows.Average(i => iris.X[i, 0]), scaler.Mean[0], 12);
    }

    [Fact]
    public void Transformer_only_pipeline_transforms_through_every_step()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [3.0], [5.0]]), null, ["f"]);
        var model = Pipeline.Make(new StandardScaler { WithStd = false }, new StandardScaler()).Fit(data);
        var transformer = Assert.IsAssignableFrom<ITransformerModel>(model);
        Assert.IsNotAssignableFrom<IPredictor>(model);
        var output = transformer.Transform(data);
        Assert.Equal(-1.2247448713915890, output.X[0, 0], 14);
        Assert.Equal(["f"], output.FeatureNames);
    }

    [Fact]
    public void Non_transformer_before_the_last_step_is_an_error()
    {
        var pipe = new Pipeline(("clf", new CentroidTestClassifier()), ("scale", new StandardScaler()));
        var e = Assert.Throws<ArgumentException>(() => pipe.Fit(TestData.Load("iris")));
        Assert.Contains("'clf'", e.Message);
    }

    [Fact]
    public void Empty_pipeline_cannot_be_fitted()
    {
        var e = Assert.Throws<ParameterException>(() => new Pipeline().Fit(TestData.Load("iris")));
        Assert.Equal("steps", e.Parameter);
    }

    [Fact]
    public void Classifier_pipeline_payload_round_trips()
    {
        var iris = TestData.Load("iris");
        var model = (DecisionClassifierPipelineModel)ScalerAndCentroid().Fit(iris);
        var copy = PayloadRoundTrip.Copy(model, DecisionClassifierPipelineModel.ReadPayload);
        Assert.Equal(model.StepNames, copy.StepNames);
        Assert.Equal(model.PredictProba(iris).Values, copy.PredictProba(iris).Values);
        Assert.Equal(model.DecisionFunction(iris).Values, copy.DecisionFunction(iris).Values);
    }
}

public class RegressorPipelineTests
{
    public RegressorPipelineTests() => PipelineTestModels.EnsureRegistered();

    [Fact]
    public void Regressor_pipeline_predicts_on_transformed_data_and_round_trips()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [3.0], [5.0]]), [10.0, 20.0, 30.0], ["f"]);
        var pipe = Pipeline.Make(new MinMaxScaler(), new MeanTestRegressor());
        Assert.False(EstimatorTraits.IsClassifier(pipe));
        var model = Assert.IsType<PredictorPipelineModel>(pipe.Fit(data));
        Assert.IsNotAssignableFrom<IClassifierModel>(model);
        Assert.Equal([20.0, 20.5, 21.0], model.Predict(data));
        var copy = PayloadRoundTrip.Copy(model, PredictorPipelineModel.ReadPayload);
        Assert.Equal(model.Predict(data), copy.Predict(data));
        Assert.Equal(model.Score(data), copy.Score(data));
    }

    [Fact]
    public void Steps_can_be_set_from_json()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(
            """[["impute", {"estimator": "SimpleImputer", "params": {"strategy": "median"}}], ["scale", "min-max-scaler"]]""");
        var pipe = new Pipeline();
        pipe.SetParam("steps", doc.RootElement.Clone());
        Assert.Equal(["impute", "scale"], pipe.Steps.Select(s => s.Name));
        Assert.Equal(ImputerStrategy.Median, ((SimpleImputer)pipe["impute"]).Strategy);
        Assert.IsType<MinMaxScaler>(pipe["scale"]);
    }

    [Fact]
    public void Malformed_steps_are_parameter_errors()
    {
        var pipe = new Pipeline();
        Assert.Equal("steps", Assert.Throws<ParameterException>(() => pipe.SetParam("steps", "standard-scaler")).Parameter);
        var pairError = Assert.Throws<ParameterException>(() => pipe.SetParam("steps", new object?[] { new object?[] { "only-name" } }));
        Assert.Equal("steps", pairError.Parameter);
        Assert.Contains("got ['only-name']", pairError.Message);
        var e = Assert.Throws<ParameterException>(() => pipe.SetParam("steps", new object?[] { new object?[] { "s", 42L } }));
        Assert.Contains("estimator", e.Message);
    }
}

public class PassthroughStepTests
{
    [Fact]
    public void A_step_can_be_switched_off_with_passthrough_or_null_and_back_on_with_a_spec()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [3.0], [5.0]]), [0, 1, 0], ["f"]);
        var pipe = new Pipeline(("scale", new StandardScaler()), ("minmax", new MinMaxScaler()));
        pipe.SetParam("scale", "passthrough");
        Assert.IsType<Passthrough>(pipe["scale"]);
        Assert.Equal([0.0, 0.5, 1.0], ((ITransformerModel)pipe.Fit(data)).Transform(data).X.Values);

        pipe.SetParam("minmax", null);
        var identity = ((ITransformerModel)pipe.Fit(data)).Transform(data);
        Assert.Equal(data.X.Values, identity.X.Values);
        Assert.Equal(data.Y, identity.Y);

        var rebuilt = (Pipeline)EstimatorRegistry.Create(EstimatorSpec.FromJson(EstimatorSpec.Of(pipe).ToJson()));
        Assert.IsType<Passthrough>(rebuilt["minmax"]);
        rebuilt.SetParam("minmax", new EstimatorSpec("MinMaxScaler", new Dictionary<string, object?>()));
        Assert.Equal([0.0, 0.5, 1.0], ((ITransformerModel)rebuilt.Fit(data)).Transform(data).X.Values);
    }

    [Fact]
    public void Passthrough_model_payload_round_trips()
    {
        var model = (PassthroughModel)new Passthrough().Fit(TestData.Load("iris"));
        var copy = PayloadRoundTrip.Copy(model, PassthroughModel.ReadPayload);
        Assert.Equal(model.FeatureNames, copy.FeatureNames);
    }
}
