namespace Scalearn.Cli.Tests;

[Collection("console")]
public class ConvertCommandTests
{
    private const string Csv = "id,x,name,target\n1,0.5,\"a, b\",0\n2,-1E-07,plain,1\n3,,\"two\nlines\",0\n";

    [Fact]
    public async Task CsvToParquetToCsvIsByteIdentical()
    {
        var dir = CliHarness.TempDir();
        var csv = Path.Combine(dir, "in.csv");
        File.WriteAllText(csv, Csv);
        var parquet = Path.Combine(dir, "mid.parquet");
        var back = Path.Combine(dir, "back.csv");

        var first = await CliHarness.RunAsync("convert", csv, parquet);
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("3 rows written", first.Out);
        var second = await CliHarness.RunAsync("convert", parquet, back, "--chunk-rows", "2");
        Assert.True(second.Exit == 0, second.Err);

        Assert.Equal(Csv, File.ReadAllText(back));
        Assert.Equal(["back.csv", "in.csv", "mid.parquet"], Directory.GetFiles(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ABundledDatasetNameConvertsItsCsv()
    {
        var dir = CliHarness.TempDir();
        var parquet = Path.Combine(dir, "iris.parquet");
        var back = Path.Combine(dir, "iris.csv");

        var first = await CliHarness.RunAsync("convert", "iris", parquet);
        Assert.True(first.Exit == 0, first.Err);
        Assert.Contains("150 rows written", first.Out);
        var second = await CliHarness.RunAsync("convert", parquet, back);
        Assert.True(second.Exit == 0, second.Err);
        // The same header and numbers (written shortest round-trip: 3.0 comes back as 3).
        static string[][] Cells(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();
        static double[] Numbers(string[] row) => row.Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (expected, actual) = (Cells(Scalearn.Data.BundledDatasets.FilePath("iris")), Cells(back));
        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(expected[1..].Select(Numbers), actual[1..].Select(Numbers));
    }

    [Fact]
    public async Task BadCellNamesFileLineAndColumnAndLeavesNoOutput()
    {
        var dir = CliHarness.TempDir();
        var csv = Path.Combine(dir, "bad.csv");
        File.WriteAllText(csv, "a,b\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => i == 2000 ? "1,oops\n" : $"{i},{i}\n")));
        var output = Path.Combine(dir, "out.parquet");

        var (exit, _, error) = await CliHarness.RunAsync("convert", csv, output);

        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains($"{csv}, line 2002, column 'b' (#2)", error);
        Assert.Single(Directory.GetFiles(dir));
    }

    [Theory]
    [InlineData("in.csv", "in.csv", "must differ")]
    [InlineData("in.csv", "out.txt", ".csv or .parquet")]
    public async Task BadArgumentsAreUsageErrors(string from, string to, string message)
    {
        var dir = CliHarness.TempDir();
        File.WriteAllText(Path.Combine(dir, "in.csv"), Csv);
        var (exit, _, error) = await CliHarness.RunAsync("convert", Path.Combine(dir, from), Path.Combine(dir, to));
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains(message, error);
    }
}
