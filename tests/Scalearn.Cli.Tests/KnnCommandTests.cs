namespace Scalearn.Cli.Tests;

[Collection("console")]
public class KnnCommandTests
{
    [Fact]
    public async Task Self_writes_long_form_neighbours()
    {
        var dir = CliHarness.TempDir();
        var index = Path.Combine(dir, "points.csv");
        File.WriteAllText(index, "a,b\n0,0\n1,0\n0,2\n5,5\n");
        var output = Path.Combine(dir, "nn.csv");

        var (exit, text, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--k", "2", "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("8 neighbours of 4 queries", text);
        var lines = File.ReadAllLines(output);
        Assert.Equal("query,rank,neighbor,distance", lines[0]);
        Assert.Equal(["0,0,1,1", "0,1,2,2"], lines[1..3]);
    }

    /// <summary>--index and --queries take a bundled dataset's name, as --data does everywhere.</summary>
    [Fact]
    public async Task Index_and_queries_take_a_bundled_dataset_name()
    {
        var dir = CliHarness.TempDir();
        var file = Path.Combine(dir, "iris.csv");
        File.Copy(Scalearn.Data.BundledDatasets.FilePath("iris"), file);

        var byName = await CliHarness.RunAsync("knn", "--index", "iris", "--queries", "iris", "--k", "3", "--drop", "target", "--out", Path.Combine(dir, "name.csv"));
        var byFile = await CliHarness.RunAsync("knn", "--index", file, "--self", "--k", "3", "--drop", "target", "--out", Path.Combine(dir, "file.csv"));
        var selfByName = await CliHarness.RunAsync("knn", "--index", "iris", "--self", "--k", "3", "--drop", "target", "--out", Path.Combine(dir, "self.csv"));

        Assert.True(byName.Exit == 0, byName.Err);
        Assert.True(byFile.Exit == 0, byFile.Err);
        Assert.True(selfByName.Exit == 0, selfByName.Err);
        Assert.Equal(451, File.ReadAllLines(Path.Combine(dir, "name.csv")).Length);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "file.csv")), File.ReadAllText(Path.Combine(dir, "self.csv")));
        var missing = await CliHarness.RunAsync("knn", "--index", "no-such-points", "--self", "--k", "3", "--out", Path.Combine(dir, "x.csv"));
        Assert.NotEqual(0, missing.Exit);
        Assert.Contains("no-such-points", missing.Err);
    }

    [Fact]
    public async Task Drop_leaves_a_text_id_column_out_of_the_coordinates_and_features_picks_them()
    {
        var dir = CliHarness.TempDir();
        var plain = Path.Combine(dir, "plain.csv");
        File.WriteAllText(plain, "a,b\n0,0\n1,0\n0,2\n5,5\n4,4\n");
        var withId = Path.Combine(dir, "ids.csv");
        File.WriteAllText(withId, "id,a,w,b\np-0,0,9,0\np-1,1,9,0\np-2,0,9,2\np-3,5,9,5\np-4,4,9,4\n");
        var queries = Path.Combine(dir, "queries.csv");   // no id column: --drop leaves out only what a file has
        File.WriteAllText(queries, "a,w,b\n1,9,1\n5,9,4\n");
        string Out(string name) => Path.Combine(dir, name);

        var expected = await CliHarness.RunAsync("knn", "--index", plain, "--self", "--k", "2", "--out", Out("expected.csv"));
        Assert.True(expected.Exit == 0, expected.Err);
        var refused = await CliHarness.RunAsync("knn", "--index", withId, "--self", "--k", "2", "--out", Out("refused.csv"));
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("'p-0'", refused.Err);
        Assert.Contains("column 'id' (#1): non-numeric value 'p-0'; --drop leaves the column out of the features (an id column)", refused.Err);
        // --p reaches the workers: p = 1 is the manhattan metric.
        var manhattan = await CliHarness.RunAsync("knn", "--index", plain, "--self", "--k", "2", "--metric", "manhattan", "--out", Out("manhattan.csv"));
        var power1 = await CliHarness.RunAsync("knn", "--index", plain, "--self", "--k", "2", "--p", "1", "--out", Out("p1.csv"));
        Assert.True(manhattan.Exit == 0 && power1.Exit == 0, manhattan.Err + power1.Err);
        Assert.Equal(File.ReadAllText(Out("manhattan.csv")), File.ReadAllText(Out("p1.csv")));
        Assert.NotEqual(File.ReadAllText(Out("expected.csv")), File.ReadAllText(Out("p1.csv")));
        var parquet = Path.Combine(dir, "ids.parquet");
        Assert.Equal(0, (await CliHarness.RunAsync("convert", withId, parquet)).Exit);
        refused = await CliHarness.RunAsync("knn", "--index", parquet, "--self", "--k", "2", "--out", Out("refused.csv"));
        Assert.Contains("column 'id' (#1): column of type String holds text; --drop leaves it out of the features (an id column)", refused.Err);

        foreach (var (flags, name) in new[] { (new[] { "--drop", "id,w" }, "dropped.csv"), (new[] { "--features", "a,b" }, "features.csv") })
        {
            foreach (var shards in new[] { "1", "2" })
            {
                var run = await CliHarness.RunAsync(["knn", "--index", withId, "--self", "--k", "2", "--shards", shards, "--out", Out(name), .. flags]);
                Assert.True(run.Exit == 0, run.Err);
                Assert.Equal(File.ReadAllText(Out("expected.csv")), File.ReadAllText(Out(name)));
            }
        }

        var plainQueries = Path.Combine(dir, "plain-queries.csv");
        File.WriteAllText(plainQueries, "a,b\n1,1\n5,4\n");
        var want = await CliHarness.RunAsync("knn", "--index", plain, "--queries", plainQueries, "--k", "3", "--out", Out("want.csv"));
        Assert.True(want.Exit == 0, want.Err);
        var got = await CliHarness.RunAsync("knn", "--index", withId, "--queries", queries, "--k", "3", "--drop", "id,w", "--out", Out("got.csv"));
        Assert.True(got.Exit == 0, got.Err);
        Assert.Equal(File.ReadAllText(Out("want.csv")), File.ReadAllText(Out("got.csv")));
    }

    [Fact]
    public async Task Queries_and_self_together_and_k_too_large_are_errors()
    {
        var dir = CliHarness.TempDir();
        var index = Path.Combine(dir, "points.csv");
        File.WriteAllText(index, "a,b\n0,0\n1,0\n");
        var (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--queries", index, "--out", Path.Combine(dir, "o.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("exactly one of", error);
        (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--k", "2", "--out", Path.Combine(dir, "o.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("at most 1", error);
    }

    [Fact]
    public async Task Shards_give_the_same_file_and_bad_shard_counts_are_errors()
    {
        var dir = CliHarness.TempDir();
        var index = Path.Combine(dir, "points.csv");
        File.WriteAllText(index, "a,b\n0,0\n1,0\n0,2\n5,5\n3,1\n2,2\n");
        string whole = Path.Combine(dir, "whole.csv"), sharded = Path.Combine(dir, "sharded.csv");
        var (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--k", "3", "--out", whole);
        Assert.True(exit == 0, error);
        (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--k", "3", "--shards", "4", "--out", sharded);
        Assert.True(exit == 0, error);
        Assert.Equal(File.ReadAllBytes(whole), File.ReadAllBytes(sharded));

        (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--queries", index, "--k", "7", "--shards", "2", "--out", Path.Combine(dir, "o.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--k 7 is larger than the index", error);
        (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--k", "2", "--shards", "7", "--out", Path.Combine(dir, "o.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--shards 7 is more than the 6 points", error);
        (exit, _, error) = await CliHarness.RunAsync("knn", "--index", index, "--self", "--k", "2", "--shards", "0", "--out", Path.Combine(dir, "o.csv"));
        Assert.NotEqual(0, exit);
        Assert.Contains("--shards must be between 1", error);
    }
}
