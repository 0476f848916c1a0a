using System.Globalization;
using System.Text;
using Scalearn.Data.Tables;

namespace Scalearn.Cli.Tests;

/// <summary>fit-groups, then predict --model FOLDER: each row to its group's model, a status for the rows without one.</summary>
[Collection("console")]
public class PredictGroupsCommandTests
{
    private static string Data(string dir, string name, string[] regions)
    {
        var text = new StringBuilder("id,region,x,target\n");
        for (int i = 0; i < 150; i++)
        {
            string region = regions[i % regions.Length];
            text.Append(CultureInfo.InvariantCulture, $"r{i},{region},{i * 0.5:R},{(region == "north" ? (i % 4 < 2 ? 1 : 0) : (i % 3 == 0 ? 2 : 1))}\n");
        }
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Predict_with_a_fit_groups_folder_routes_rows_and_marks_unknown_and_failed_groups()
    {
        var dir = CliHarness.TempDir();
        var models = Path.Combine(dir, "models");
        var train = Data(dir, "train.csv", ["north", "south", "north", "south"]);
        // One row of 'lonely': too few for its fit, so groups.csv lists it as failed.
        File.AppendAllText(train, "r999,lonely,1,1\n");
        var (exit, text, error) = await CliHarness.RunAsync("fit-groups", "--data", Strip(train, dir), "--group-by", "region",
            "--estimator", "decision-tree-classifier", "--grid", """{"max_depth": [2]}""", "--cv", "2", "--out", models);
        Assert.True(exit == 3, error + text);

        var data = Data(dir, "data.csv", ["north", "south", "west", "lonely"]);
        string streamed = Path.Combine(dir, "streamed.csv"), onWorkers = Path.Combine(dir, "workers.csv");
        (exit, text, error) = await CliHarness.RunAsync("predict", "--model", models, "--data", data, "--keep", "id", "--target", "target",
            "--proba", "--batch-size", "40", "--out", streamed);
        Assert.True(exit == 0, error + text);
        (exit, text, error) = await CliHarness.RunAsync("predict", "--model", models, "--data", data, "--keep", "id", "--target", "target",
            "--proba", "--batch-size", "40", "--data-on-workers", "--out", onWorkers);
        Assert.True(exit == 0, error + text);
        Assert.Equal(File.ReadAllBytes(streamed), File.ReadAllBytes(onWorkers));

        var written = TableReader.ReadAll(streamed, TableOptions.AllColumns with { TextColumns = ["status"] });
        Assert.Equal(["id", "prediction", "proba_0", "proba_1", "proba_2", "status"], written.Schema.Columns.Select(c => c.Name));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => "r" + i), ((StringColumn)written.Passthrough[0]).Values);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => (i % 4) switch { 0 or 1 => "ok", 2 => "unknown_group", _ => "failed_group" }),
            ((StringColumn)written.Passthrough[5]).Values);
        var lines = File.ReadAllLines(streamed);
        Assert.Equal("r2,,,,,unknown_group", lines[3]);
        Assert.Equal("r3,,,,,failed_group", lines[4]);
    }

    [Fact]
    public async Task Group_models_of_a_text_target_predict_the_labels_by_name()
    {
        var dir = CliHarness.TempDir();
        var models = Path.Combine(dir, "models");
        string[] names = ["high", "low", "mid"];
        var text = new StringBuilder("region,x,target\n");
        for (int i = 0; i < 120; i++)
            text.Append(CultureInfo.InvariantCulture, $"{(i % 2 == 0 ? "north" : "south")},{i:R},{(i % 2 == 0 ? names[i / 40] : names[(i / 40 + 1) % 3])}\n");
        var train = Path.Combine(dir, "labels.csv");
        File.WriteAllText(train, text.ToString());
        var (exit, output, error) = await CliHarness.RunAsync("fit-groups", "--data", train, "--group-by", "region",
            "--estimator", "decision-tree-classifier", "--out", models);
        Assert.True(exit == 0, error + output);

        string predicted = Path.Combine(dir, "labels_pred.csv");
        (exit, output, error) = await CliHarness.RunAsync("predict", "--model", models, "--data", train, "--target", "target", "--proba", "--out", predicted);
        Assert.True(exit == 0, error + output);
        var lines = File.ReadAllLines(predicted);
        Assert.Equal("prediction,proba_high,proba_low,proba_mid,status", lines[0]);
        var truth = File.ReadAllLines(train).Skip(1).Select(l => l.Split(',')[2]).ToArray();
        Assert.Equal(truth, lines.Skip(1).Select(l => l.Split(',')[0]));   // a depth-unlimited tree fits its group exactly
    }

    [Theory]
    [InlineData("text")]    // the fit's column holds words: "1" and "01" are two groups (pandas groups an object column by its strings)
    [InlineData("number")]  // the fit's column holds numbers: "1", "01" and "1.0" are group 1 (pandas groups a float column by value)
    public async Task A_row_goes_to_the_group_its_key_had_at_fit_time_however_the_prediction_file_types_the_column(string fitKeys)
    {
        var dir = CliHarness.TempDir();
        var models = Path.Combine(dir, "models");
        string[] keys = fitKeys == "text" ? ["1", "01", "a, b"] : ["1", "2"];
        var text = new StringBuilder("g,x,target\n");
        for (int i = 0; i < 60; i++)
        {
            int k = i % keys.Length;
            text.Append(CultureInfo.InvariantCulture, $"{(keys[k].Contains(',') ? $"\"{keys[k]}\"" : keys[k])},{i % 7},{(k + 1) * 100 + i % 7}\n");
        }
        File.WriteAllText(Path.Combine(dir, "train.csv"), text.ToString());
        var (exit, output, error) = await CliHarness.RunAsync("fit-groups", "--data", Path.Combine(dir, "train.csv"), "--group-by", "g",
            "--estimator", "decision-tree-regressor", "--out", models);
        Assert.True(exit == 0, error + output);
        Assert.Equal(keys.Length, File.ReadAllLines(Path.Combine(models, "groups.csv")).Length - 1);

        // The same cells in a file whose group column reads as numbers (only digits) and in one where it reads as text.
        foreach (var (name, rows) in new[] { ("digits.csv", "g,x\n1,3\n01,3\n1.0,3\n"), ("words.csv", "g,x\n1,3\n01,3\n1.0,3\nzz,3\n") })
        {
            File.WriteAllText(Path.Combine(dir, name), rows);
            foreach (var workers in new[] { false, true })
            {
                string predicted = Path.Combine(dir, "pred_" + name);
                string[] args = ["predict", "--model", models, "--data", Path.Combine(dir, name), "--keep", "g", "--out", predicted];
                (exit, output, error) = await CliHarness.RunAsync(workers ? [.. args, "--data-on-workers"] : args);
                Assert.True(exit == 0, error + output);
                var lines = File.ReadAllLines(predicted);
                string[] expected = fitKeys == "text"
                    ? ["1,103,ok", "01,203,ok", "1.0,,unknown_group"]
                    : ["1,103,ok", name == "digits.csv" ? "1,103,ok" : "01,103,ok", name == "digits.csv" ? "1,103,ok" : "1.0,103,ok"];
                Assert.Equal(expected, lines.Skip(1).Take(3));
            }
        }
    }

    /// <summary>The training file without its id column (fit-groups reads every other column as a feature).</summary>
    private static string Strip(string path, string dir)
    {
        var stripped = Path.Combine(dir, "train-noid.csv");
        File.WriteAllLines(stripped, File.ReadAllLines(path).Select(l => l[(l.IndexOf(',') + 1)..]));
        return stripped;
    }
}
