using Scalearn.Data.Tables;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class PredictStreamingTests
{
    private static async Task<string> TuneIrisAsync(string dir)
    {
        var tune = await CliHarness.RunAsync("tune", "--data", "iris", "--estimator", "decision-tree-classifier",
            "--grid", """{"max_depth":[3]}""", "--cv", "3", "--out", dir);
        Assert.True(tune.Exit == 0, tune.Err);
        return Path.Combine(dir, "best_model.scalearn");
    }

    [Fact]
    public async Task Writes_kept_columns_predictions_and_probabilities_to_parquet()
    {
        var dir = CliHarness.TempDir();
        var model = await TuneIrisAsync(dir);
        var output = Path.Combine(dir, "out.parquet");

        var (exit, text, error) = await CliHarness.RunAsync("predict", "--model", model, "--data", "iris", "--target", "target",
            "--keep", "target", "--proba", "--batch-size", "16", "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("150 predictions", text);
        Assert.Contains("score:", text);
        var table = TableReader.ReadAll(output, TableOptions.AllColumns);
        Assert.Equal(["target", "prediction", "proba_0", "proba_1", "proba_2"], table.Schema.Columns.Select(c => c.Name));
        Assert.Equal(150, table.Count);
    }

    [Fact]
    public async Task A_data_file_without_the_models_features_is_refused_naming_them()
    {
        var dir = CliHarness.TempDir();
        var model = await TuneIrisAsync(dir);
        var data = Path.Combine(dir, "other.csv");
        File.WriteAllText(data, "a,b\n1,2\n");

        var (exit, _, error) = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--out", Path.Combine(dir, "o.csv"));

        Assert.NotEqual(0, exit);
        Assert.Contains("lacks the model's feature columns", error);
        Assert.False(File.Exists(Path.Combine(dir, "o.csv")));
    }

    [Fact]
    public async Task A_bad_batch_size_is_a_usage_error()
    {
        var (exit, _, error) = await CliHarness.RunAsync("predict", "--model", "m.scalearn", "--data", "iris", "--batch-size", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--batch-size", error);
    }
}
