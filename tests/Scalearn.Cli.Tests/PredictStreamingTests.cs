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
    public async Task Large_ids_after_the_inferred_rows_fail_clearly_and_infer_rows_0_keeps_them_as_written()
    {
        var dir = CliHarness.TempDir();
        var model = await TuneIrisAsync(dir);
        var iris = TableReader.ReadAll(Scalearn.Data.BundledDatasets.Resolve("iris"), TableOptions.AllColumns);
        var features = iris.Schema.Columns.Where(c => c.Name != "target").Select(c => c.Name).ToArray();
        var lines = new List<string> { "id," + string.Join(",", features) };
        for (int r = 0; r < iris.Count; r++)
        {
            string id = r < 100 ? r.ToString() : (90071992547409930L + r).ToString();   // 17 digits after row 100
            lines.Add(id + "," + string.Join(",", iris.Passthrough.Where(c => c.Name != "target").Select(c => ((DoubleColumn)c).Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        }
        var data = Path.Combine(dir, "ids.csv");
        File.WriteAllLines(data, lines);
        var output = Path.Combine(dir, "out.csv");

        var failed = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--keep", "id", "--infer-rows", "50", "--out", output);
        Assert.NotEqual(0, failed.Exit);
        Assert.Contains("line 102, column 'id'", failed.Err);
        Assert.Contains("--infer-rows 0", failed.Err);

        var ok = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--keep", "id", "--infer-rows", "0", "--out", output);
        Assert.True(ok.Exit == 0, ok.Err);
        var written = File.ReadAllLines(output);
        Assert.Equal("90071992547410030", written[101].Split(',')[0]);
        Assert.Equal(151, written.Length);
    }

    [Fact]
    public async Task A_kept_feature_column_is_written_as_the_file_has_it()
    {
        var dir = CliHarness.TempDir();
        var model = await TuneIrisAsync(dir);
        var iris = TableReader.ReadAll(Scalearn.Data.BundledDatasets.Resolve("iris"), TableOptions.AllColumns);
        var features = iris.Passthrough.Where(c => c.Name != "target").Cast<DoubleColumn>().ToArray();
        string[] odd = ["12345678901234567", "5.10", "007"];
        var lines = new List<string> { string.Join(",", features.Select(c => c.Name)) };
        for (int r = 0; r < iris.Count; r++)
            lines.Add(string.Join(",", features.Select((c, j) => j == 0 && r < odd.Length ? odd[r]
                : c.Values[r].ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
        var data = Path.Combine(dir, "odd.csv");
        File.WriteAllLines(data, lines);
        string kept = Path.Combine(dir, "kept.csv"), plain = Path.Combine(dir, "plain.csv");

        var run = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--keep", features[0].Name, "--out", kept);
        Assert.True(run.Exit == 0, run.Err);
        run = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--out", plain);
        Assert.True(run.Exit == 0, run.Err);

        var written = File.ReadAllLines(kept);
        Assert.Equal(lines.Select(l => l.Split(',')[0]), written.Select(l => l.Split(',')[0]));
        Assert.Equal(File.ReadAllLines(plain), written.Select(l => l.Split(',')[1]));
    }

    [Fact]
    public async Task Kept_text_and_numeric_features_read_on_the_workers_write_the_same_bytes()
    {
        var dir = CliHarness.TempDir();
        var rng = new Scalearn.Numerics.Rng(4);
        var lines = new List<string> { "id,color,x,y" };
        string[] colors = ["red", "green", "blue"];
        for (int r = 0; r < 400; r++)
        {
            string color = colors[r % 3];
            double x = Math.Round(rng.NextGaussian(), 4);
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r},{color},{(r == 0 ? "0.50" : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture))},{((color == "red") ^ (x > 0) ? 1 : 0)}"));
        }
        var data = Path.Combine(dir, "colors.csv");
        File.WriteAllLines(data, lines);
        var model = Path.Combine(dir, "colors.scalearn");
        var fit = await CliHarness.RunAsync("fit", "--data", data, "--target", "y", "--estimator", "OneHotEncoder,LogisticRegression",
            "--categorical", "color", "--drop", "id", "--out", model);
        Assert.True(fit.Exit == 0, fit.Err);
        string streamed = Path.Combine(dir, "streamed.csv"), onWorkers = Path.Combine(dir, "workers.csv");

        var run = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--target", "y", "--keep", "id,color,x", "--batch-size", "64", "--out", streamed);
        Assert.True(run.Exit == 0, run.Err);
        run = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--target", "y", "--keep", "id,color,x", "--batch-size", "64",
            "--data-on-workers", "--out", onWorkers);
        Assert.True(run.Exit == 0, run.Err);

        Assert.Equal(File.ReadAllBytes(streamed), File.ReadAllBytes(onWorkers));
        Assert.StartsWith("id,color,x,prediction\n0,red,0.5,", File.ReadAllText(streamed));
    }

    [Fact]
    public async Task A_bad_batch_size_is_a_usage_error()
    {
        var (exit, _, error) = await CliHarness.RunAsync("predict", "--model", "m.scalearn", "--data", "iris", "--batch-size", "0");
        Assert.NotEqual(0, exit);
        Assert.Contains("--batch-size", error);
    }
}
