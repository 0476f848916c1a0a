using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Pipelines;

public class CsvToPipelineTests
{
    public CsvToPipelineTests() => PipelineTestModels.EnsureRegistered();

    private const string Csv = """
        age,color,income,target
        20,red,100,0
        ,blue,200,1
        60,red,,0
        80,green,400,1
        30,blue,250,1
        50,red,120,0
        """;

    [Fact]
    public void Csv_with_text_and_missing_cells_flows_through_a_column_transformer_pipeline()
    {
        var data = CsvLoader.Load(new StringReader(Csv), "people.csv", new CsvOptions { KeepTextColumns = true, AllowMissing = true });
        var pipe = Pipeline.Make(
            new ColumnTransformer(
                ("num", Pipeline.Make(new SimpleImputer { Strategy = ImputerStrategy.Median }, new StandardScaler()), ["age", "income"]),
                ("cat", new OneHotEncoder { HandleUnknown = "ignore" }, ["color"])),
            new CentroidTestClassifier());

        var model = (ClassifierPipelineModel)pipe.Fit(data);
        var transformed = ((ITransformerModel)model.StepModels[0]).Transform(data);
        Assert.Equal(["num__age", "num__income", "cat__color_blue", "cat__color_green", "cat__color_red"], transformed.FeatureNames);
        Assert.All(transformed.X.Values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.0, Enumerable.Range(0, data.Count).Average(i => transformed.X[i, 0]), 12);
        Assert.Equal(data.Y, model.Predict(data));
    }
}
