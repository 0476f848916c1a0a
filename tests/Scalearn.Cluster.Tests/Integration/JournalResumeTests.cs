using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scalearn.Cluster.Worker;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>kill -9 a `scalearn tune --journal` driver mid-search, run the same command again: it finishes with only the missing fits.</summary>
public sealed class JournalResumeTests : IDisposable
{
    // Fits long enough (the search takes seconds) that the poll below sees 8 of them finished well before the last.
    private const string Grid = """{"n_estimators":[200,400],"max_depth":[4,8,null],"criterion":["gini","entropy"]}""";
    private static readonly string[] GridSearch = ["--estimator", "random-forest-classifier", "--grid", Grid];
    /// <summary>Asynchronous successive halving, 4 in flight: what it proposes depends on the order in which results came.</summary>
    private static readonly string[] Asha = ["--estimator", "sgd-classifier", "--search", "asha", "--space", """{"alpha":{"loguniform":[1e-5,1e-1]}}""",
        "--n-trials", "100", "--parallel", "4"];
    private readonly string _dir = Directory.CreateTempSubdirectory("scalearn-resume-").FullName;

    [Fact(Timeout = 180_000)]
    public Task ALocalSearchResumes() => KillAndResumeAsync(null);

    [Fact(Timeout = 180_000)]
    public Task ALocalAshaSearchResumesProposingWhatItProposedBefore() => KillAndResumeAsync(null, Asha);

    [BrokerFact(Timeout = 180_000)]
    public async Task AClusterSearchResumes()
    {
        string broker = Broker.ForCluster("resume");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "resume");
        await KillAndResumeAsync(broker);
    }

    private async Task KillAndResumeAsync(string? broker, string[]? search = null)
    {
        search ??= GridSearch;
        string journal = Path.Combine(_dir, "journal.db");
        var reference = await RunAsync("reference", broker, null, search);
        Assert.Equal(0, reference.ExitCode);
        int fits = Rows("reference") * 3;

        using var driver = Start("resumed", broker, journal, search);
        var clock = Stopwatch.StartNew();
        int killAfter = search == GridSearch ? 8 : fits / 3;   // ASHA: well after results began to come out of order
        while (Count(journal, "SELECT COUNT(*) FROM tasks") < killAfter)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60) && !driver.HasExited, $"the search never recorded {killAfter} fits");
            await Task.Delay(20);
        }
        driver.Kill();   // SIGKILL: no chance to write anything more
        await driver.WaitForExitAsync();
        string killedAt = DateTimeOffset.UtcNow.ToString("O");
        int finished = Count(journal, "SELECT COUNT(*) FROM tasks");
        Assert.InRange(finished, 8, fits - 1);

        var resumed = await RunAsync("resumed", broker, journal, search);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("resuming", resumed.Output);
        Assert.Equal(fits - finished, Count(journal, $"SELECT COUNT(*) FROM tasks WHERE finished_at > '{killedAt}'"));
        if (search == GridSearch) Assert.Equal(Scores("reference"), Scores("resumed"));
        else Assert.Equal(Scores("reference", sorted: true), Scores("resumed", sorted: true));   // rows come in the order they finish
    }

    private Process Start(string name, string? broker, string? journal, string[] search)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        List<string> args = [LocalWorkerProcess.FindCli(), "tune", "--data", "digits", .. search,
            "--cv", "3", "--seed", "1", "--out", Path.Combine(_dir, name), "--force"];
        if (broker is not null) args.AddRange(["--cluster", broker]);
        if (journal is not null) args.AddRange(["--journal", journal]);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string name, string? broker, string? journal, string[] search)
    {
        using var process = Start(name, broker, journal, search);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>cv_results.json without the timing columns; <paramref name="sorted"/>: as a sorted list of rows, without the ranks.</summary>
    private string Scores(string name, bool sorted = false)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, name, "cv_results.json")));
        var columns = doc.RootElement.GetProperty("columns").EnumerateObject().Where(c => !c.Name.EndsWith("_time")).ToList();
        if (!sorted) return string.Join("\n", columns.Select(c => c.Name + "=" + c.Value.GetRawText()));
        columns.RemoveAll(c => c.Name == "rank_test_score");
        var cells = columns.Select(c => c.Value.EnumerateArray().Select(v => v.GetRawText()).ToList()).ToList();
        return string.Join("\n", Enumerable.Range(0, cells[0].Count).Select(r => string.Join(",", cells.Select(c => c[r]))).Order(StringComparer.Ordinal));
    }

    private int Rows(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, name, "cv_results.json")));
        return doc.RootElement.GetProperty("columns").GetProperty("params").GetArrayLength();
    }

    private static int Count(string journal, string sql)
    {
        if (!File.Exists(journal)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={journal};Pooling=False;Mode=ReadOnly;Default Timeout=5");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt32(command.ExecuteScalar());
        }
        catch (SqliteException)
        {
            return 0;   // not created yet
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
