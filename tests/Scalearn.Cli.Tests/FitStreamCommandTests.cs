using System.Globalization;
using System.Text;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Persistence;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class FitStreamCommandTests
{
    private static string Data(string dir, int rows = 3_000, int badRow = -1)
    {
        var rng = new Numerics.Rng(4);
        var text = new StringBuilder("a,b,target\n");
        for (int i = 0; i < rows; i++)
        {
            double a = Math.Round(rng.NextGaussian(), 4), b = Math.Round(rng.NextGaussian(), 4);
            text.Append(i == badRow ? "n/a" : a.ToString("R", CultureInfo.InvariantCulture)).Append(CultureInfo.InvariantCulture, $",{b:R},{Math.Round(3 * a - b, 4):R}\n");
        }
        var path = Path.Combine(dir, "stream.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Learns_chunk_by_chunk_prints_progressive_scores_and_saves_a_model_that_predict_serves()
    {
        var dir = CliHarness.TempDir();
        var data = Data(dir);
        var model = Path.Combine(dir, "sgd.scalearn");

        var (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--chunk-size", "1000",
            "--epochs", "2", "--seed", "0", "--params", """{"alpha":0.0001}""", "--out", model);

        Assert.True(exit == 0, error + text);
        Assert.Contains("epoch 1 chunk 1: rows 1-1,000, score - (mean -)", text);
        Assert.Contains("epoch 2 chunk 3: rows 2,001-3,000, score ", text);
        Assert.Matches(@"epoch 2: mean progressive r2 (0\.9|1\.0)", text);
        Assert.Contains("6,000 rows in 6 chunks learned", text);

        // The same model as partial_fit by hand over the same chunks.
        var learner = new SGDRegressor { RandomState = 0 }.StartIncremental();
        for (int e = 0; e < 2; e++)
            using (var reader = TableReader.Open(data, new TableOptions { Target = "target" }))
                foreach (var chunk in reader.Chunks(1000)) learner.PartialFit(chunk);
        var loaded = ModelFile.Load(model);
        Assert.Equal(["a", "b"], loaded.FeatureNames);
        var all = TableReader.Load(data);
        Assert.Equal(((IPredictor)learner.Snapshot()).Predict(all), ((IPredictor)loaded.Model).Predict(all));

        (exit, text, error) = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--target", "target", "--out", Path.Combine(dir, "p.csv"));
        Assert.True(exit == 0, error + text);
        Assert.Contains("3000 predictions", text);
    }

    [Fact]
    public async Task Drop_leaves_a_text_id_column_out_and_features_picks_the_columns()
    {
        var dir = CliHarness.TempDir();
        var lines = File.ReadAllLines(Data(dir, rows: 1_200));
        var data = Path.Combine(dir, "with-id.csv");
        File.WriteAllLines(data, lines.Select((line, i) => (i == 0 ? "id" : $"user-{i}") + "," + line));
        var model = Path.Combine(dir, "sgd.scalearn");

        var (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--chunk-size", "500", "--seed", "0", "--out", model);
        Assert.NotEqual(0, exit);
        Assert.Contains("line 2, column 'id' (#1): non-numeric value 'user-1'; --drop leaves the column out of the features (an id column)", error);

        (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--chunk-size", "500", "--seed", "0", "--drop", "id", "--out", model);
        Assert.True(exit == 0, error + text);
        Assert.Equal(["a", "b"], ModelFile.Load(model).FeatureNames);
        var learner = new SGDRegressor { RandomState = 0 }.StartIncremental();
        using (var reader = TableReader.Open(data, new TableOptions { Target = "target", Exclude = ["id"] }))
            foreach (var chunk in reader.Chunks(500)) learner.PartialFit(chunk);
        var all = TableReader.Load(data, new TableOptions { Target = "target", Exclude = ["id"] });
        Assert.Equal(((IPredictor)learner.Snapshot()).Predict(all), ((IPredictor)ModelFile.Load(model).Model).Predict(all));

        (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--chunk-size", "500", "--features", "b", "--out", model, "--force");
        Assert.True(exit == 0, error + text);
        Assert.Equal(["b"], ModelFile.Load(model).FeatureNames);

        (exit, _, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--drop", "user", "--out", model, "--force");
        Assert.NotEqual(0, exit);
        Assert.Contains("column 'user' not found; the columns are: id, a, b, target", error);
    }

    [Fact]
    public async Task A_pipeline_of_a_scaler_and_a_classifier_with_given_classes_and_shuffled_chunks()
    {
        var dir = CliHarness.TempDir();
        var path = Path.Combine(dir, "clf.csv");
        // The target's sign as class 0/1.
        File.WriteAllLines(path, File.ReadAllLines(Data(dir)).Select((l, i) => i == 0 ? l : l[..l.LastIndexOf(',')] + (l[l.LastIndexOf(',') + 1] == '-' ? ",0" : ",1")));
        var model = Path.Combine(dir, "clf.scalearn");
        var (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", path, "--estimator", "StandardScaler,SGDClassifier", "--chunk-size", "500",
            "--shuffle-chunks", "--seed", "3", "--classes", "0,1", "--out", model);
        Assert.True(exit == 0, error + text);
        Assert.Contains("mean progressive accuracy", text);
        var (_, again, _) = await CliHarness.RunAsync("fit-stream", "--data", path, "--estimator", "StandardScaler,SGDClassifier", "--chunk-size", "500",
            "--shuffle-chunks", "--seed", "3", "--classes", "0,1", "--out", model, "--force");
        static IEnumerable<string> Chunks(string output) => output.Split('\n').Where(l => l.StartsWith("epoch 1 chunk", StringComparison.Ordinal)).Select(l => l[..l.LastIndexOf("), ", StringComparison.Ordinal)]);
        Assert.Equal(Chunks(text), Chunks(again));
        Assert.IsAssignableFrom<IClassifierModel>(ModelFile.Load(model).Model);
    }

    [Fact]
    public async Task A_text_target_is_learned_by_its_labels_and_predict_writes_the_labels()
    {
        var dir = CliHarness.TempDir();
        var data = Path.Combine(dir, "labels.csv");
        // The first 60 rows are "small" only: the first chunks lack the other label.
        File.WriteAllText(data, "a,b,target\n" + string.Concat(Enumerable.Range(0, 120).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{(i < 60 ? -1 - i % 7 : 1 + i % 5)},{i % 3},{(i < 60 ? "small" : "big")}\n"))));
        var model = Path.Combine(dir, "nb.scalearn");

        var (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "GaussianNB", "--chunk-size", "20", "--out", model);
        Assert.True(exit == 0, error + text);

        var output = Path.Combine(dir, "out.csv");
        (exit, text, error) = await CliHarness.RunAsync("predict", "--model", model, "--data", data, "--target", "target", "--proba", "--out", output);
        Assert.True(exit == 0, error + text);
        var lines = File.ReadAllLines(output);
        Assert.Equal("prediction,proba_big,proba_small", lines[0]);
        Assert.StartsWith("small,", lines[1]);
        Assert.StartsWith("big,", lines[^1]);
        Assert.Contains("score: 1.0000", text);

        // Labels given up front, as text.
        (exit, text, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "GaussianNB", "--chunk-size", "20",
            "--classes", "small,big,huge", "--out", model, "--force");
        Assert.True(exit == 0, error + text);
        Assert.Equal(["big", "huge", "small"], ModelSchema.For(ModelFile.Load(model).Model)!.ClassNames);
    }

    [Fact]
    public async Task Bad_input_is_a_clear_error_and_leaves_no_model()
    {
        var dir = CliHarness.TempDir();
        var bad = Data(dir, rows: 6_000, badRow: 5_432);
        var model = Path.Combine(dir, "m.scalearn");

        var (exit, _, error) = await CliHarness.RunAsync("fit-stream", "--data", bad, "--estimator", "SGDRegressor", "--chunk-size", "1000", "--out", model);
        Assert.NotEqual(0, exit);
        Assert.Contains("stream.csv", error);
        Assert.Contains("n/a", error);
        Assert.Contains("'a'", error);
        Assert.Contains("5434", error);   // its line: the header, then 5,432 rows before it
        Assert.False(File.Exists(model));
        Assert.Empty(Directory.GetFiles(dir, ".m.*"));

        var data = Data(dir);
        (exit, _, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "RandomForestRegressor", "--out", model);
        Assert.NotEqual(0, exit);
        Assert.Contains("RandomForestRegressor has no partial_fit", error);
        Assert.Contains("SGDRegressor, SGDClassifier, GaussianNB", error);

        (exit, _, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--target", "y", "--out", model);
        Assert.NotEqual(0, exit);
        Assert.Contains("no column 'y'", error);

        (exit, _, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDRegressor", "--chunk-size", "0", "--out", model);
        Assert.NotEqual(0, exit);
        Assert.Contains("--chunk-size", error);

        (exit, _, error) = await CliHarness.RunAsync("fit-stream", "--data", data, "--estimator", "SGDClassifier", "--classes", "a,b", "--out", model);
        Assert.NotEqual(0, exit);
        Assert.Contains("--classes", error);
        Assert.False(File.Exists(model));
    }
}
