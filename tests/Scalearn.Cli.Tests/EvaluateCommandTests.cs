using System.Text.Json;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Metrics;
using Scalearn.Persistence;
using Scalearn.Preprocessing;
using Scalearn.Trees;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class EvaluateCommandTests
{
    private static Dataset Load(string name) => BundledDatasets.Load(name);

    private static string Save(IModel model, Dataset data)
    {
        var path = Path.Combine(CliHarness.TempDir(), "model.scalearn");
        ModelFile.Save(path, (IPersistableModel)model, featureNames: data.FeatureNames);
        return path;
    }

    [Fact]
    public async Task Classifier_gets_scikit_learns_report_and_a_confusion_matrix()
    {
        var iris = Load("iris");
        var model = (IPredictor)new DecisionTreeClassifier { MaxDepth = 2, RandomState = 0 }.Fit(iris);
        var (exit, output, error) = await CliHarness.RunAsync("evaluate", "--model", Save(model, iris), "--data", "iris");

        Assert.True(exit == 0, error);
        Assert.Contains(ClassificationReport.Compute(iris.Y!, model.Predict(iris)).ToText().Replace("\n", Environment.NewLine), output.Replace("\r\n", "\n").Replace("\n", Environment.NewLine));
        Assert.Contains("confusion matrix", output);
        Assert.Contains("true\\pred", output);
        Assert.StartsWith("model.scalearn (decision-tree-classifier) on iris: 150 rows, target 'target'", output);
        Assert.DoesNotContain('\u001b', output);
    }

    /// <summary>x, color, target: the class is decided by x alone (cat, dog, emu, fox as x grows); x of row 5 is empty with holes.</summary>
    private static string Animals(string dir, string name, Func<string, bool> keep, bool holes = false)
    {
        var text = new System.Text.StringBuilder("x,color,target\n");
        string[] classes = ["cat", "dog", "emu", "fox"];
        for (int i = 0; i < 40; i++)
            if (keep(classes[i % 4]))
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{(holes && i == 5 ? "" : $"{i % 4}.5")},{(i % 3 == 0 ? "red" : "blue")},{classes[i % 4]}\n");
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Text_labels_are_scored_by_name_when_the_data_lacks_some_of_the_models_classes()
    {
        var dir = CliHarness.TempDir();
        string model = Path.Combine(dir, "animals.scalearn");
        var fit = await CliHarness.RunAsync("fit", "--data", Animals(dir, "all.csv", _ => true), "--estimator", "DecisionTreeClassifier",
            "--drop", "color", "--out", model);
        Assert.True(fit.Exit == 0, fit.Err);

        // Only dog and fox, which the tree predicts right: scikit-learn's classification_report gives 1.0 for both.
        var some = Animals(dir, "some.csv", c => c is "dog" or "fox");
        var (exit, output, error) = await CliHarness.RunAsync("evaluate", "--model", model, "--data", some, "--json");
        Assert.True(exit != 0, "color is no feature of the model");
        File.WriteAllLines(some, File.ReadAllLines(some).Select(l => l.Split(',')[0] + "," + l.Split(',')[2]));
        (exit, output, error) = await CliHarness.RunAsync("evaluate", "--model", model, "--data", some, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1.0, json.RootElement.GetProperty("accuracy").GetDouble());
        Assert.Equal(10, json.RootElement.GetProperty("dog").GetProperty("support").GetInt32());
        Assert.Equal(["dog", "fox"], json.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_model_with_text_columns_and_an_imputer_is_evaluated_on_data_with_text_and_holes()
    {
        var dir = CliHarness.TempDir();
        string model = Path.Combine(dir, "pipe.scalearn"), data = Animals(dir, "train.csv", _ => true, holes: true);
        var fit = await CliHarness.RunAsync("fit", "--data", data, "--estimator", "OneHotEncoder,SimpleImputer,DecisionTreeClassifier",
            "--categorical", "auto", "--missing-values", "--out", model);
        Assert.True(fit.Exit == 0, fit.Err);

        var (exit, output, error) = await CliHarness.RunAsync("evaluate", "--model", model, "--data", data, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(40, json.RootElement.GetProperty("weighted avg").GetProperty("support").GetInt32());
        Assert.Equal(["cat", "dog", "emu", "fox"], json.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Regressor_gets_the_regression_metrics()
    {
        var diabetes = Load("diabetes");
        var model = (IPredictor)new Ridge().Fit(diabetes);
        var (exit, output, error) = await CliHarness.RunAsync("evaluate", "--model", Save(model, diabetes), "--data", "diabetes");

        Assert.True(exit == 0, error);
        var predicted = model.Predict(diabetes);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        string Value(string metric) => lines.Single(l => l.StartsWith(metric + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Equal(RegressionMetrics.R2(diabetes.Y!, predicted), double.Parse(Value("r2"), System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.Equal(RegressionMetrics.MeanAbsolutePercentageError(diabetes.Y!, predicted), double.Parse(Value("mean_absolute_percentage_error"), System.Globalization.CultureInfo.InvariantCulture), 4);
        foreach (var metric in new[] { "explained_variance", "mean_absolute_error", "mean_squared_error", "root_mean_squared_error" }) Value(metric);
    }

    [Fact]
    public async Task Json_output_is_one_parseable_object()
    {
        var iris = Load("iris");
        var model = new DecisionTreeClassifier { MaxDepth = 1, RandomState = 0 }.Fit(iris);
        var (exit, output, error) = await CliHarness.RunAsync("evaluate", "--model", Save(model, iris), "--data", "iris", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.InRange(json.RootElement.GetProperty("accuracy").GetDouble(), 0.5, 0.8);
        Assert.Equal(50, json.RootElement.GetProperty("0").GetProperty("support").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("confusion_matrix").GetArrayLength());
    }

    [Fact]
    public async Task Data_with_other_features_is_a_one_line_usage_error()
    {
        var iris = Load("iris");
        var model = new DecisionTreeClassifier().Fit(iris);
        var (exit, _, error) = await CliHarness.RunAsync("evaluate", "--model", Save(model, iris), "--data", "wine");

        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("does not have the features", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Classifier_on_a_continuous_target_says_so()
    {
        var dir = CliHarness.TempDir();
        var csv = Path.Combine(dir, "prices.csv");
        File.WriteAllText(csv, "a,b,target\n1,2,0.5\n2,3,1.5\n3,1,2.25\n");
        var train = new Dataset(Matrix.FromRows([[1.0, 2], [2, 3], [3, 1]]), [0, 1, 0], ["a", "b"]);
        var model = new DecisionTreeClassifier().Fit(train);
        var (exit, _, error) = await CliHarness.RunAsync("evaluate", "--model", Save(model, train), "--data", csv);

        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("is a classifier, but the target 'target' of prices is continuous", error);
    }

    [Fact]
    public async Task A_model_that_does_not_predict_is_refused()
    {
        var iris = Load("iris");
        var scaler = new StandardScaler().Fit(iris);
        var (exit, _, error) = await CliHarness.RunAsync("evaluate", "--model", Save(scaler, iris), "--data", "iris");

        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("(standard-scaler) does not predict", error);
    }

    [Fact]
    public async Task Bad_digits_and_missing_options_are_usage_errors()
    {
        var (exit, _, error) = await CliHarness.RunAsync("evaluate", "--data", "iris");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("--model", error);
        (exit, _, error) = await CliHarness.RunAsync("evaluate", "--model", "x.scalearn", "--data", "iris", "--digits", "-1");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("--digits must be between 0 and 15", error);
    }
}
