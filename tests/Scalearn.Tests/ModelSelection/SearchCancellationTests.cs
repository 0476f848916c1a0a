using Scalearn.Dummy;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning;
using Scalearn.ModelSelection.Tuning.Tpe;
using Scalearn.Svm;
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

    [Fact]
    public async Task AnAdaptiveSearchResumedAfterFitsFinishedUnreadProposesAsAnUninterruptedRun()
    {
        // Two candidates in flight on one slot (so they finish in a fixed order); the cancelled run's loop read neither
        // before it was cancelled, and both were drained into the journal. Uninterrupted, the third trial is proposed
        // once the first candidate finished, the second still running: so must a resumed run, not after both.
        var iris = TestData.Load("iris");
        TpeSearch Tpe(ITaskExecutor executor, string? journal) => new(new SVC(), SearchSpace.Parse("""{"C":{"loguniform":[0.01,100]},"gamma":{"loguniform":[0.001,10]}}"""))
        {
            NTrials = 8, Parallelism = 2, Seed = 5, Cv = new StratifiedKFold(3), Executor = executor, Refit = false, Journal = journal,
            Options = new TpeOptions { NStartupTrials = 2 },
        };
        var uninterrupted = (await Tpe(new LocalExecutor(1), null).FitAsync(iris)).CvResults;

        using var cts = new CancellationTokenSource();
        string journal = Path.Combine(_dir, "tpe.db");
        var first = Tpe(new RecordingExecutor(new LocalExecutor(1)) { HoldResultsUntilCancelled = true }, journal);
        first.Progress = new CancelAfter(6, cts.Cancel);
        var partial = await first.FitAsync(iris, cts.Token);
        Assert.False(partial.Completed);
        Assert.Equal(2, partial.CvResults.Count);

        var resumed = (await Tpe(new LocalExecutor(1), journal).FitAsync(iris)).CvResults;
        Assert.Equal(uninterrupted.Params.Select(p => Estimators.RawJson.ToJson(p)), resumed.Params.Select(p => Estimators.RawJson.ToJson(p)));
        Assert.Equal(uninterrupted.Numbers("mean_test_score"), resumed.Numbers("mean_test_score"));
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
