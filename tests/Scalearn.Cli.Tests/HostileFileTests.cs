namespace Scalearn.Cli.Tests;

[Collection("console")]
public class HostileFileTests
{
    [Fact]
    public async Task Escape_sequences_and_binary_in_a_csv_are_escaped_in_the_error_line()
    {
        var dir = CliHarness.TempDir();
        var csv = Path.Combine(dir, "evil.csv");
        File.WriteAllBytes(csv, "a,target\n1,0\n\u001b[2J\u001b]0;pwned\u0007\0\u0001,1\n"u8.ToArray());

        var (exit, _, error) = await CliHarness.RunAsync("tune", "--data", csv, "--estimator", "decision-tree-classifier",
            "--grid", """{"max_depth":[1]}""", "--out", dir);

        Assert.NotEqual(0, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain(error, c => c < ' ' && c != '\n' && c != '\r');
        Assert.Contains("\\x1b", error);
    }
}
