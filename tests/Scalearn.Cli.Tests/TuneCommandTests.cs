using System.Text.Json;
using Scalearn.Persistence;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class TuneCommandTests
{
    [Fact]
    public async Task TunesADecisionTreeOnIrisAndWritesResultsAndModel()
    {
        var dir = CliHarness.TempDir();
        var (exit, output, error) = await CliHarness.RunAsync("tune", "--data", "iris", "--estimator", "decision-tree-classifier",
            "--grid", """{"max_depth":[1,3,null],"criterion":["gini","entropy"]}""", "--cv", "3", "--out", dir, "--jobs", "2");

        Assert.True(exit == 0, error);
        Assert.Contains("Best accuracy", output);
        var csv = File.ReadAllLines(Path.Combine(dir, "cv_results.csv"));
        Assert.Equal(7, csv.Length);
        Assert.Contains("rank_test_score", csv[0]);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "cv_results.json")));
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        var model = ModelFile.Load(Path.Combine(dir, "best_model.scalearn"));
        Assert.Equal("DecisionTreeClassifier", model.Spec!.Type);
    }

    [Fact]
    public async Task ReadsTheGridFromAFile()
    {
        var dir = CliHarness.TempDir();
        var grid = Path.Combine(dir, "grid.json");
        File.WriteAllText(grid, """{"max_depth": [1, 2]}""");

        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "iris", "--estimator", "decision-tree-classifier",
            "--grid", "@" + grid, "--cv", "3", "--out", dir);

        Assert.True(exit == 0, error);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "cv_results.csv")).Length);
    }

    [Fact]
    public async Task RandomizedSearchSamplesTheRequestedNumberOfCandidates()
    {
        var dir = CliHarness.TempDir();
        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "wine", "--estimator", "DecisionTreeClassifier",
            "--grid", """{"max_depth":{"randint":[1,8]},"min_samples_leaf":[1,2,4]}""", "--random", "4", "--cv", "3", "--out", dir);

        Assert.True(exit == 0, error);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(dir, "cv_results.csv")).Length);
    }

    [Theory]
    [InlineData("no-such-estimator", """{"a":[1]}""", "Unknown estimator 'no-such-estimator'")]
    [InlineData("decision-tree-classifier", """{"max_dept":[1]}""", "max_dept")]
    [InlineData("decision-tree-classifier", """{"max_depth":[0]}""", "max_depth")]
    [InlineData("decision-tree-classifier", """{"max_depth":[1""", "not valid JSON")]
    public async Task BadArgumentsGiveOneLineErrorAndUsageExit(string estimator, string grid, string expected)
    {
        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "iris", "--estimator", estimator, "--grid", grid, "--out", CliHarness.TempDir());

        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task UnknownDatasetNamesTheKnownOnes()
    {
        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "nope", "--estimator", "decision-tree-classifier", "--grid", "{}");

        Assert.NotEqual(0, exit);
        Assert.Contains("digits", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task MissingRequiredOptionIsAUsageError()
    {
        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "iris");

        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task UnreachableClusterIsOneClearLineWithoutThePassword()
    {
        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", "iris", "--estimator", "decision-tree-classifier",
            "--grid", """{"max_depth":[1]}""", "--cluster", "amqp://user:secret@127.0.0.1:1/", "--out", CliHarness.TempDir());

        Assert.NotEqual(0, exit);
        Assert.DoesNotContain("secret", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
