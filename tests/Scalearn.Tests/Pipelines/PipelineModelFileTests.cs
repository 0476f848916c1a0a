using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Persistence;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Pipelines;

public class PipelineModelFileTests
{
    [Fact]
    public void Preprocessing_pipeline_saves_and_loads_through_the_model_file_container()
    {
        var data = new Dataset(Matrix.FromRows([[1.0, double.NaN], [2.0, 4.0], [3.0, 8.0]]), [0, 1, 0], ["a", "b"],
            textColumns: new Dictionary<string, string[]> { ["color"] = ["red", "blue", "red"] });
        var pipe = Pipeline.Make(
            new ColumnTransformer(
                ("num", Pipeline.Make(new SimpleImputer(), new StandardScaler()), ["a", "b"]),
                ("cat", new OneHotEncoder(), ["color"])),
            new MinMaxScaler());
        var model = (TransformerPipelineModel)pipe.Fit(data);
        var spec = EstimatorSpec.Of(pipe);

        using var stream = new MemoryStream();
        ModelFile.Save(stream, model, spec, data.FeatureNames);
        stream.Position = 0;
        var loaded = ModelFile.Load(stream);

        Assert.Equal("pipeline-transformer", loaded.Format);
        Assert.Equal(spec, loaded.Spec);
        var expected = model.Transform(data);
        var actual = Assert.IsType<TransformerPipelineModel>(loaded.Model).Transform(data);
        Assert.Equal(expected.X.Values, actual.X.Values);
        Assert.Equal(["num__a", "num__b", "cat__color_blue", "cat__color_red"], actual.FeatureNames);
    }
}
