using System.Globalization;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class PredictCommandTests
{
    [Fact]
    public async Task PredictsWithTheModelThatTuneSaved()
    {
        var dir = CliHarness.TempDir();
        var tune = await CliHarness.RunAsync("tune", "--data", "iris", "--estimator", "decision-tree-classifier",
            "--grid", """{"max_depth":[2,3]}""", "--cv", "3", "--out", dir);
        Assert.True(tune.Exit == 0, tune.Err);

        var predictions = Path.Combine(dir, "predictions.csv");
        var (exit, output, error) = await CliHarness.RunAsync("predict", "--model", Path.Combine(dir, "best_model.scalearn"),
            "--data", "iris", "--target", "target", "--out", predictions);

        Assert.True(exit == 0, error);
        Assert.Equal(151, File.ReadAllLines(predictions).Length);
        Assert.Contains("score:", output);
    }

    [Fact]
    public async Task CorruptModelFileIsAClearError()
    {
        var path = Path.Combine(CliHarness.TempDir(), "bad.scalearn");
        File.WriteAllText(path, "not a model");

        var (exit, _, error) = await CliHarness.RunAsync("predict", "--model", path, "--data", "iris", "--target", "target");

        Assert.NotEqual(0, exit);
        Assert.Contains("bad.scalearn", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("purple", "OneHotEncoder: found unknown category 'purple' in column 'color' at data row 18 during transform")]
    [InlineData("", "LinearClassifierModel: input contains NaN at data row 18, column 0 ('num__age')")]
    public async Task A_bad_row_deep_in_the_file_is_named_by_its_row_in_the_file_not_in_its_chunk(string cell, string expected)
    {
        var dir = CliHarness.TempDir();
        var lines = new List<string> { "age,color,bought" };
        for (int i = 0; i < 40; i++) lines.Add(string.Create(CultureInfo.InvariantCulture, $"{20 + i},{(i % 2 == 0 ? "red" : "blue")},{(i % 2 == 0 ? "yes" : "no")}"));
        File.WriteAllLines(Path.Combine(dir, "train.csv"), lines);
        // Data row 18 (line 19): an unseen category, or an empty age the pipeline has no imputer for.
        lines[18] = cell == "purple" ? "37,purple,yes" : "," + lines[18].Split(',', 2)[1];
        File.WriteAllLines(Path.Combine(dir, "data.csv"), lines);
        var pipe = Pipeline.Make(
            new ColumnTransformer(("num", new StandardScaler(), ["age"]), ("cat", new OneHotEncoder(), ["color"])),
            new LogisticRegression());
        File.WriteAllText(Path.Combine(dir, "pipe.json"), EstimatorSpec.Of(pipe).ToJson());
        var (exit, _, error) = await CliHarness.RunAsync("fit", "--data", Path.Combine(dir, "train.csv"), "--target", "bought", "--estimator", "@" + Path.Combine(dir, "pipe.json"),
            "--categorical", "auto", "--out", Path.Combine(dir, "m.scalearn"));
        Assert.True(exit == 0, error);

        (exit, _, error) = await CliHarness.RunAsync("predict", "--model", Path.Combine(dir, "m.scalearn"), "--data", Path.Combine(dir, "data.csv"),
            "--target", "bought", "--batch-size", "7", "--out", Path.Combine(dir, "p.csv"));

        Assert.NotEqual(0, exit);
        Assert.Contains("Predicting rows 15-21 of", error);
        Assert.Contains(expected, error);   // was "at row 3": counted from the chunk's first row
    }

    [Fact]
    public async Task A_folder_that_fit_groups_did_not_write_is_a_clear_error()
    {
        var dir = CliHarness.TempDir();   // a folder, but no groups.csv in it (a fit-groups run that failed, a typo)

        var (exit, _, error) = await CliHarness.RunAsync("predict", "--model", dir, "--data", "iris", "--out", Path.Combine(dir, "p.csv"));

        Assert.NotEqual(0, exit);
        Assert.Contains($"The model '{dir}' is a folder without groups.csv", error);   // was: "Access to the path ... is denied."
    }
}
