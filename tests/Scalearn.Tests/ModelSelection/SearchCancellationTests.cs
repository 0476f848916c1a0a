using Scalearn.Dummy;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.Trees;

namespace Scalearn.Tests.ModelSelection;

/// <summary>How a search ends when it is cancelled while its job's fits run or wait to be read.</summary>
public sealed class SearchCancellationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalearn-cancel-").FullName;

    [Fact]
    public async Task AJobWhoseResultsEndWhenItIsStoppedStillEndsTheSearchAsCancelled()
    {
        // The cancellation stops the job; an executor may then just end its results instead of throwing (LocalJob does
        // so too when the stop lands between its check of the token and its read). The search was cancelled, it did not
        // lose candidates to the executor.
        using var cts = new CancellationTokenSource();
        var search = new GridSearch(new DecisionTreeClassifier(), ParamGrid.Parse($$"""{"random_state":[{{string.Join(",", Enumerable.Range(0, 200))}}]}"""))
        {
            Executor = new RecordingExecutor(new LocalExecutor(2)) { ResultsIgnoreCancellation = true },
            Progress = new CancelAfter(3, cts.Cancel),
        };
        var result = await search.FitAsync(TestData.Load("digits"), cts.Token);
        Assert.False(result.Completed);
        Assert.InRange(result.CvResults.Count, 0, 199);
    }

    [Fact]
    public async Task AFailedFitReadAfterTheCancellationRaisesAndMarksTheJournalFailed()
    {
        // error_score raise: the failed fit the search reads only once cancelled still raises, and its journal says so
        // (not "running", as if a driver were still at work on it).
        using var cts = new CancellationTokenSource();
        string journal = Path.Combine(_dir, "j.db");
        var search = new GridSearch(new DummyClassifier { Strategy = DummyClassifierStrategy.Constant }, ParamGrid.Parse("""{"constant":[7.0,8.0,9.0]}"""))
        {
            Executor = new RecordingExecutor(new LocalExecutor(1)) { HoldResultsUntilCancelled = true },
            ErrorScore = null, Journal = journal, Refit = false,
            Progress = new CancelAfter(1, cts.Cancel),
        };
        var e = await Assert.ThrowsAsync<SearchFitException>(() => search.FitAsync(TestData.Load("iris"), cts.Token));
        Assert.Contains("constant target value must be present", e.Message);
        Assert.Equal("failed", Status(journal));
    }

    private static string Status(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'status'";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
