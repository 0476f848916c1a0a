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
}
