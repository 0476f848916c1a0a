using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scalearn.Cluster.Worker;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>kill -9 a `scalearn tune --journal` driver mid-search, run the same command again: it finishes with only the missing fits.</summary>
public sealed class JournalResumeTests : IDisposable
{
    private const string Grid = """{"n_estimators":[30,60],"max_depth":[4,8,null],"criterion":["gini","entropy"]}""";
    private const int Fits = 12 * 3;
    private readonly string _dir = Directory.CreateTempSubdirectory("scalearn-resume-").FullName;

    [Fact(Timeout = 180_000)]
    public Task ALocalSearchResumes() => KillAndResumeAsync(null);

    [BrokerFact(Timeout = 180_000)]
    public async Task AClusterSearchResumes()
    {
        string broker = Broker.ForCluster("resume");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "resume");
        await KillAndResumeAsync(broker);
    }

    private async Task KillAndResumeAsync(string? broker)
    {
        string journal = Path.Combine(_dir, "journal.db");
        var reference = await RunAsync("reference", broker, null);
        Assert.Equal(0, reference.ExitCode);

        using var driver = Start("resumed", broker, journal);
        var clock = Stopwatch.StartNew();
        while (Count(journal, "SELECT COUNT(*) FROM tasks") < 8)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60) && !driver.HasExited, "the search never recorded 8 fits");
            await Task.Delay(20);
        }
        driver.Kill();   // SIGKILL: no chance to write anything more
        await driver.WaitForExitAsync();
        string killedAt = DateTimeOffset.UtcNow.ToString("O");
        int finished = Count(journal, "SELECT COUNT(*) FROM tasks");
        Assert.InRange(finished, 8, Fits - 1);

        var resumed = await RunAsync("resumed", broker, journal);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("resuming", resumed.Output);
        Assert.Equal(Fits - finished, Count(journal, $"SELECT COUNT(*) FROM tasks WHERE finished_at > '{killedAt}'"));
        Assert.Equal(Scores("reference"), Scores("resumed"));
    }

    private Process Start(string name, string? broker, string? journal)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        var args = new List<string> { LocalWorkerProcess.FindCli(), "tune", "--data", "digits", "--estimator", "random-forest-classifier", "--grid", Grid,
            "--cv", "3", "--seed", "1", "--out", Path.Combine(_dir, name), "--force" };
        if (broker is not null) args.AddRange(["--cluster", broker]);
        if (journal is not null) args.AddRange(["--journal", journal]);
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string name, string? broker, string? journal)
    {
        using var process = Start(name, broker, journal);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>cv_results.json without the timing columns.</summary>
    private string Scores(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, name, "cv_results.json")));
        return string.Join("\n", doc.RootElement.GetProperty("columns").EnumerateObject().Where(c => !c.Name.EndsWith("_time")).Select(c => c.Name + "=" + c.Value.GetRawText()));
    }

    private static int Count(string journal, string sql)
    {
        if (!File.Exists(journal)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={journal};Pooling=False;Mode=ReadOnly");
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
