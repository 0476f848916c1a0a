namespace Scalearn.Cli.Tests;

[Collection("console")]
public class DatasetsCommandTests
{
    [Fact]
    public async Task ListsEveryBundledDataset()
    {
        var (exit, output, _) = await CliHarness.RunAsync("datasets");

        Assert.Equal(0, exit);
        foreach (var name in new[] { "digits", "iris", "wine", "breast_cancer", "diabetes" }) Assert.Contains(name, output);
        Assert.Contains("1797", output);
    }
}
