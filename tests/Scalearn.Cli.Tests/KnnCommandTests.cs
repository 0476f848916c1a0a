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
