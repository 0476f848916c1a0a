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
    /// <summary>
    /// Asynchronous successive halving, 4 in flight: what it proposes depends on the order in which results came. 400
    /// configurations (about 1,800 fits of a few ms) so that the search lasts seconds: with 100 it took 0.6 s and could
    /// finish before the poll below killed it.
    /// </summary>
    private static readonly string[] Asha = ["--estimator", "sgd-classifier", "--search", "asha", "--space", """{"alpha":{"loguniform":[1e-5,1e-1]}}""",
        "--n-trials", "400", "--parallel", "4"];
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
        // Nothing finished before the kill ran again, and every fit of the resumed results was recorded once.
        Assert.Equal(finished, Count(journal, $"SELECT COUNT(*) FROM tasks WHERE finished_at <= '{killedAt}'"));
        Assert.Equal(Rows("resumed") * 3, Count(journal, "SELECT COUNT(*) FROM tasks"));
        // A grid search is the same search however its fits were spread over runs. ASHA's promotions after the kill depend
        // on the order in which results came, which differs from the reference run's; that the resumed run proposed again
        // what the killed one had proposed is checked by the search itself (it refuses a journal of another search).
        if (search == GridSearch) Assert.Equal(Scores("reference"), Scores("resumed"));
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

    /// <summary>cv_results.json without the timing columns.</summary>
    private string Scores(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, name, "cv_results.json")));
        var columns = doc.RootElement.GetProperty("columns").EnumerateObject().Where(c => !c.Name.EndsWith("_time"));
        return string.Join("\n", columns.Select(c => c.Name + "=" + c.Value.GetRawText()));
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
