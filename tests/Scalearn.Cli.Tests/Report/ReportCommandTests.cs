using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Journal;

namespace Scalearn.Cli.Tests.Report;

[Collection("console")]
public sealed class ReportCommandTests
{
    private static string SearchFolder()
    {
        var dir = CliHarness.TempDir();
        File.WriteAllText(Path.Combine(dir, "cv_results.json"), """
            {"columns": {"mean_fit_time": [0.1, 0.2, 0.3, 0.4], "std_fit_time": [0, 0, 0, 0], "mean_score_time": [0.01, 0.01, 0.01, 0.01],
             "std_score_time": [0, 0, 0, 0], "param_alpha": [0.01, 0.1, 1.0, 10.0], "param_fit_intercept": [true, true, false, false],
             "params": [{"alpha": 0.01, "fit_intercept": true}, {"alpha": 0.1, "fit_intercept": true}, {"alpha": 1.0, "fit_intercept": false}, {"alpha": 10.0, "fit_intercept": false}],
             "split0_test_score": [0.5, 0.6, 0.7, 0.4], "split1_test_score": [0.52, 0.58, 0.66, 0.42],
             "mean_test_score": [0.51, 0.59, 0.68, 0.41], "std_test_score": [0.01, 0.01, 0.02, 0.01], "rank_test_score": [3, 2, 1, 4]},
             "errors": [null, null, null, null]}
            """);
        return dir;
    }

    [Fact]
    public async Task Html_report_is_written_beside_the_results()
    {
        var dir = SearchFolder();
        var (exit, stdout, stderr) = await CliHarness.RunAsync("report", dir, "--title", "Ridge alphas");
        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        Assert.Contains("Report of 4 trials written to", stdout);
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<h1>Ridge alphas</h1>", html);
        Assert.Contains("data-figure=\"contour\"", html);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task Image_formats_write_one_file_per_plot(string format)
    {
        var dir = SearchFolder();
        var output = Path.Combine(dir, "figures");
        var (exit, stdout, _) = await CliHarness.RunAsync("report", dir, "--format", format, "--out", output);
        Assert.Equal(0, exit);
        Assert.Contains($"png plots".Replace("png", format), stdout);
        Assert.Contains($"importance.{format}", Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Contains($"history-trial.{format}", Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Bad_format_scorer_or_folder_is_one_error_line()
    {
        var dir = SearchFolder();
        var (exit, _, stderr) = await CliHarness.RunAsync("report", dir, "--format", "pdf");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Equal("scalearn: error: --format must be html, png or svg; got 'pdf'.", stderr.Trim());

        (exit, _, stderr) = await CliHarness.RunAsync("report", dir, "--scorer", "f1");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("--scorer must be one of score", stderr);

        (exit, _, stderr) = await CliHarness.RunAsync("report", CliHarness.TempDir());
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("holds no cv_results.json, trials.csv or groups.csv", stderr);

        File.WriteAllText(Path.Combine(dir, "cv_results.json"), "{");
        (exit, _, stderr) = await CliHarness.RunAsync("report", dir);
        Assert.Equal(CliRunner.RuntimeError, exit);
        Assert.Contains("cv_results.json: not valid JSON", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private static string Journal(string dir)
    {
        var path = Path.Combine(dir, "search.db");
        using var journal = SearchJournal.Open(path, new Dictionary<string, string> { ["data"] = "x" },
            new Dictionary<string, string> { ["search"] = "GridSearch", ["estimator_name"] = "ridge", ["scoring_names"] = "[\"r2\"]", ["n_splits"] = "2" });
        for (int t = 0; t < 3; t++)
        {
            journal.RecordTrial(new JournalTrial(t, $"{{\"alpha\":{t + 1}.0}}"));
            for (int s = 0; s < 2; s++)
                journal.RecordTask(t, s, FitScoreKind.Instance.EncodeResult(new FitResult(t, s, [0.5 + 0.1 * t], null, 0.1, 0.01, null)), null, "local", 0.11);
            journal.RecordScore(t, 0.5 + 0.1 * t, false);
        }
        journal.RecordTrial(new JournalTrial(3, "{\"alpha\":4.0}"));
        return path;
    }

    [Fact]
    public async Task A_journal_reports_beside_itself_even_while_its_search_runs()
    {
        var dir = CliHarness.TempDir();
        var path = Journal(dir);
        var (exit, stdout, stderr) = await CliHarness.RunAsync("report", "--journal", path);
        Assert.Equal("", stderr);
        Assert.Equal(0, exit);
        Assert.Contains("Report of 4 trials written to", stdout);
        var html = File.ReadAllText(Path.Combine(dir, "search.html"));
        Assert.Contains("data-figure=\"history-time\"", html);
        Assert.Contains("RUNNING", html);
        Assert.Contains("interrupted", html);

        (exit, stdout, _) = await CliHarness.RunAsync("report", dir);
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public async Task Report_needs_a_folder_or_a_journal_but_not_both()
    {
        var dir = CliHarness.TempDir();
        var (exit, _, stderr) = await CliHarness.RunAsync("report");
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("Give the output folder DIR of a search or --journal FILE", stderr);
        (exit, _, stderr) = await CliHarness.RunAsync("report", dir, "--journal", Journal(dir));
        Assert.Equal(CliRunner.UsageError, exit);
        (exit, _, stderr) = await CliHarness.RunAsync("report", "--journal", Path.Combine(dir, "missing.db"));
        Assert.Equal(CliRunner.UsageError, exit);
        Assert.Contains("No such journal", stderr);
    }
}
