using System.Globalization;
using System.Text;
using Scalearn.Data.Tables;

namespace Scalearn.Cli.Tests;

[Collection("console")]
public class FitGroupsCommandTests
{
    private static string Data(string dir)
    {
        var text = new StringBuilder("region,x,target\n");
        for (int i = 0; i < 120; i++) text.Append(CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "north" : "south/east")},{i * 0.5:R},{(i % 3 == 0 ? 2.0 : -1.0) * i:R}\n");
        text.Append("lonely,1,1\n");
        var path = Path.Combine(dir, "regions.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public async Task Writes_groups_csv_and_one_model_per_group_and_reports_a_failed_group()
    {
        var dir = CliHarness.TempDir();
        var output = Path.Combine(dir, "out");

        var (exit, text, error) = await CliHarness.RunAsync("fit-groups", "--data", Data(dir), "--group-by", "region",
            "--estimator", "decision-tree-regressor", "--grid", """{"max_depth":[1,3]}""", "--cv", "3", "--out", output);

        Assert.True(exit == 3, error + text);
        var groups = TableReader.ReadAll(Path.Combine(output, "groups.csv"), TableOptions.AllColumns);
        Assert.Equal(["group", "rows", "score", "params", "fit_seconds", "status", "error"], groups.Schema.Columns.Select(c => c.Name));
        Assert.Equal(["north", "south/east", "lonely"], ((StringColumn)groups.Passthrough[0]).Values.Select(v => v!));
        Assert.Equal(["ok", "ok", "failed"], ((StringColumn)groups.Passthrough[5]).Values.Select(v => v!));
        Assert.True(File.Exists(Path.Combine(output, "models", "north.scalearn")));
        Assert.True(File.Exists(Path.Combine(output, "models", "south_east.scalearn")));
        Assert.Contains("2 of 3 groups fitted", text);
    }

    /// <summary>Keys that clean to one file name are numbered in the groups' order, whatever order their fits arrive in.</summary>
    [Fact]
    public async Task Keys_with_the_same_file_name_are_numbered_in_group_order()
    {
        var dir = CliHarness.TempDir();
        var text = new StringBuilder("store,x,target\n");
        string[] keys = ["a b", "a_b", "A/b"];
        for (int i = 0; i < 90; i++) text.Append(CultureInfo.InvariantCulture, $"{keys[i % 3]},{i:R},{i * (1 + i % 3):R}\n");
        var data = Path.Combine(dir, "stores.csv");
        File.WriteAllText(data, text.ToString());
        var output = Path.Combine(dir, "out");

        var (exit, stdout, error) = await CliHarness.RunAsync("fit-groups", "--data", data, "--group-by", "store",
            "--estimator", "decision-tree-regressor", "--out", output);

        Assert.True(exit == 0, error + stdout);
        var files = Directory.GetFiles(Path.Combine(output, "models")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["A_b~3.scalearn", "a_b.scalearn", "a_b~2.scalearn"], files);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "fit-groups.json")));
        var models = manifest.RootElement.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("model").GetString()!).ToArray();
        Assert.Equal(["models/a_b.scalearn", "models/a_b~2.scalearn", "models/A_b~3.scalearn"], models);
    }

    [Fact]
    public async Task Bad_params_and_a_missing_group_column_are_clear_errors()
    {
        var dir = CliHarness.TempDir();
        var data = Data(dir);
        var (exit, _, error) = await CliHarness.RunAsync("fit-groups", "--data", data, "--group-by", "region",
            "--estimator", "decision-tree-regressor", "--params", "[1]", "--out", dir);
        Assert.NotEqual(0, exit);
        Assert.Contains("--params", error);

        (exit, _, error) = await CliHarness.RunAsync("fit-groups", "--data", data, "--group-by", "city",
            "--estimator", "decision-tree-regressor", "--out", Path.Combine(dir, "by-city"));
        Assert.NotEqual(0, exit);
        Assert.Contains("'city'", error);
        Assert.False(Directory.Exists(Path.Combine(dir, "by-city")));   // a failed run leaves no folder it created

        (exit, _, error) = await CliHarness.RunAsync("fit-groups", "--data", data, "--group-by", "region",
            "--estimator", "decision-tree-regressor", "--out", data);
        Assert.NotEqual(0, exit);
        Assert.Contains($"--out {data} is a file", error);

        // Grouping by the target (the default --target) names the flags the user typed, not the readers' option names.
        (exit, _, error) = await CliHarness.RunAsync("fit-groups", "--data", "iris", "--group-by", "target",
            "--estimator", "decision-tree-regressor", "--out", Path.Combine(dir, "by-target"));
        Assert.NotEqual(0, exit);
        Assert.Contains("column 'target' is named both in --target and in --group-by", error);
    }
}
