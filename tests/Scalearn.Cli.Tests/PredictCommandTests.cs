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

    [Fact]
    public async Task A_folder_that_fit_groups_did_not_write_is_a_clear_error()
    {
        var dir = CliHarness.TempDir();   // a folder, but no groups.csv in it (a fit-groups run that failed, a typo)

        var (exit, _, error) = await CliHarness.RunAsync("predict", "--model", dir, "--data", "iris", "--out", Path.Combine(dir, "p.csv"));

        Assert.NotEqual(0, exit);
        Assert.Contains($"The model '{dir}' is a folder without groups.csv", error);   // was: "Access to the path ... is denied."
    }
}
