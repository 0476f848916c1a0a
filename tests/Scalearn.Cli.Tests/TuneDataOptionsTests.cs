using System.Globalization;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Persistence;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Cli.Tests;

/// <summary>scalearn tune on real tables: text labels, text and missing cells, chosen feature columns, early checks.</summary>
[Collection("console")]
public class TuneDataOptionsTests
{
    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    /// <summary>The bundled iris with its target as species names, in a column named species.</summary>
    private static string SpeciesCsv(string dir)
    {
        var iris = BundledDatasets.Load("iris");
        var lines = new List<string> { string.Join(",", iris.FeatureNames) + ",species" };
        for (int i = 0; i < iris.Count; i++)
            lines.Add(string.Join(",", iris.X.Row(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," + Species[(int)iris.Y![i]]);
        var path = Path.Combine(dir, "iris_species.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>People with an id, a text column and missing cells in both kinds of column; the label follows color and age.</summary>
    private static string PeopleCsv(string dir)
    {
        var colors = new[] { "red", "green", "blue" };
        var lines = new List<string> { "id,age,color,income,bought" };
        for (int i = 0; i < 120; i++)
        {
            string color = colors[i % 3];
            int age = 20 + (i * 7) % 50;
            bool bought = color == "red" || age > 50;
            string ageCell = i % 11 == 0 ? "" : age.ToString(CultureInfo.InvariantCulture);
            string colorCell = i % 13 == 0 ? "" : color;
            lines.Add($"p{i},{ageCell},{colorCell},{1000 + i * 13},{(bought ? "yes" : "no")}");
        }
        var path = Path.Combine(dir, "people.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task A_species_named_iris_tunes_and_its_model_predicts_names()
    {
        var dir = CliHarness.TempDir();
        var (exit, output, error) = await CliHarness.RunAsync("tune", "--data", SpeciesCsv(dir), "--target", "species", "--estimator", "DecisionTreeClassifier",
            "--grid", """{"max_depth":[1,3]}""", "--cv", "3", "--out", Path.Combine(dir, "out"), "--jobs", "2");
        Assert.True(exit == 0, error);
        Assert.Contains("Best accuracy", output);

        var loaded = ModelFile.Load(Path.Combine(dir, "out", "best_model.scalearn"));
        Assert.Equal(Species, loaded.Model.ClassNames);
        Assert.Equal("species", loaded.Model.Schema!.TargetName);
        var data = BundledDatasets.Load(Path.Combine(dir, "iris_species.csv"), target: "species");
        var predicted = ((IPredictor)loaded.Model).PredictLabels(data);
        Assert.True(predicted.Where((p, i) => p == Species[(int)data.Y![i]]).Count() >= 140);
    }

    [Fact]
    public async Task A_csv_with_text_and_missing_cells_tunes_an_imputer_one_hot_logistic_pipeline_given_as_a_spec_file()
    {
        var dir = CliHarness.TempDir();
        var pipe = Pipeline.Make(
            new ColumnTransformer(
                ("num", Pipeline.Make(new SimpleImputer { Strategy = ImputerStrategy.Median }, new StandardScaler()), ["age", "income"]),
                ("cat", new OneHotEncoder { HandleUnknown = "ignore" }, ["color"])),
            new LogisticRegression());
        var spec = Path.Combine(dir, "pipeline.json");
        File.WriteAllText(spec, EstimatorSpec.Of(pipe).ToJson());

        var (exit, output, error) = await CliHarness.RunAsync("tune", "--data", PeopleCsv(dir), "--target", "bought", "--estimator", "@" + spec,
            "--categorical", "auto", "--missing-values", "--drop", "id",
            "--grid", """{"logisticregression__C":[0.1,10]}""", "--cv", "3", "--out", Path.Combine(dir, "out"), "--jobs", "2");
        Assert.True(exit == 0, error);
        Assert.Contains("Best accuracy", output);

        var loaded = ModelFile.Load(Path.Combine(dir, "out", "best_model.scalearn"));
        Assert.Equal(["age", "income"], loaded.Model.FeatureNames);
        Assert.Equal(["color"], loaded.Model.Schema!.TextColumns);
        Assert.Equal(["no", "yes"], loaded.Model.ClassNames);
        var people = BundledDatasets.Load(Path.Combine(dir, "people.csv"),
            new Data.Tables.TableOptions { Target = "bought", KeepTextColumns = true, AllowMissing = true });
        var e = Assert.Throws<ColumnMismatchException>(() => ((IPredictor)loaded.Model).Predict(people));
        Assert.Equal(["id"], e.Unexpected);
        var labels = ((IPredictor)loaded.Model).PredictLabels(loaded.Model.Align(people, ignore: ["id"]));
        Assert.All(labels, l => Assert.Contains(l, new[] { "no", "yes" }));
        Assert.True(((IPredictor)loaded.Model).Score(loaded.Model.Align(people, ignore: ["id"])) > 0.8);

        // scalearn predict serves it: text and missing cells read as at fit time, labels and probabilities by class name.
        var predictions = Path.Combine(dir, "pred.csv");
        (exit, output, error) = await CliHarness.RunAsync("predict", "--model", Path.Combine(dir, "out", "best_model.scalearn"), "--data", Path.Combine(dir, "people.csv"),
            "--target", "bought", "--keep", "id,color", "--proba", "--out", predictions);
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(predictions);
        Assert.Equal("id,color,prediction,proba_no,proba_yes", lines[0]);
        Assert.Equal(121, lines.Length);
        Assert.Equal(labels, lines.Skip(1).Select(l => l.Split(',')[2]));
        (exit, _, error) = await CliHarness.RunAsync("predict", "--model", Path.Combine(dir, "out", "best_model.scalearn"), "--data", Path.Combine(dir, "people.csv"),
            "--keep", "id", "--out", Path.Combine(dir, "pred2.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("target column 'bought': pass --target bought", error);
    }

    [Fact]
    public async Task Features_chooses_the_feature_columns()
    {
        var dir = CliHarness.TempDir();
        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "iris", "--features", "petal_width,sepal_length", "--estimator", "DecisionTreeClassifier",
            "--grid", """{"max_depth":[2]}""", "--cv", "3", "--out", dir);
        Assert.True(exit == 0, error);
        Assert.Equal(["sepal_length", "petal_width"], ModelFile.Load(Path.Combine(dir, "best_model.scalearn")).Model.FeatureNames);
    }

    [Fact]
    public async Task Forgetting_the_target_says_so_naming_the_flag()
    {
        var dir = CliHarness.TempDir();
        var (exit, output, error) = await CliHarness.RunAsync("tune", "--data", SpeciesCsv(dir), "--estimator", "DecisionTreeClassifier",
            "--grid", """{"max_depth":[2]}""", "--out", Path.Combine(dir, "out"));
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("--target column 'target' not found", error);
        Assert.Contains("species", error);
        Assert.DoesNotContain("Tuning", output);
    }

    [Theory]
    [InlineData("--categorical auto")]
    [InlineData("--drop")]
    public async Task A_text_column_without_categorical_names_the_flags_that_fix_it(string flag)
    {
        var dir = CliHarness.TempDir();
        var (exit, output, error) = await CliHarness.RunAsync("tune", "--data", PeopleCsv(dir), "--target", "bought", "--estimator", "LogisticRegression",
            "--grid", "{}", "--out", Path.Combine(dir, "out"));
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains(flag, error);
        Assert.DoesNotContain("KeepTextColumns", error);
        Assert.DoesNotContain("Tuning", output);
    }

    [Theory]
    [InlineData("iris", "DecisionTreeClassifier", "r2", "judges regressors")]
    [InlineData("diabetes", "DecisionTreeRegressor", "accuracy", "judges classifiers")]
    [InlineData("species", "DecisionTreeRegressor", null, "text class labels")]
    public async Task Validation_errors_come_before_any_banner(string data, string estimator, string? scoring, string expected)
    {
        var dir = CliHarness.TempDir();
        var args = new List<string> { "tune", "--data", data == "species" ? SpeciesCsv(dir) : data, "--estimator", estimator, "--grid", "{}", "--out", Path.Combine(dir, "out") };
        if (data == "species") args.AddRange(["--target", "species"]);
        if (scoring is not null) args.AddRange(["--scoring", scoring]);
        var (exit, output, error) = await CliHarness.RunAsync([.. args]);
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("Tuning", output);
    }
}
