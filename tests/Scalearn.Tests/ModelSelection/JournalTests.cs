using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Journal;
using Scalearn.Trees;

namespace Scalearn.Tests.ModelSelection;

public sealed class JournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalearn-journal-").FullName;
    private const string Grid = """{"max_depth":[2,3,4,5,6,null],"criterion":["gini","entropy"]}""";

    private GridSearch Search(ITaskExecutor executor, string grid = Grid, string? journal = "j.db") =>
        new(new DecisionTreeClassifier(), ParamGrid.Parse(grid))
        {
            Executor = executor, Cv = new StratifiedKFold(3, shuffle: true, randomState: 1), Seed = 4, Refit = false,
            Journal = journal is null ? null : Path.Combine(_dir, journal),
        };

    [Fact]
    public async Task AnInterruptedSearchResumesWithoutRecomputingAndEqualsAnUninterruptedRun()
    {
        var data = TestData.Load("digits");
        var uninterrupted = await Search(new LocalExecutor(2), journal: null).FitAsync(data);

        using var cts = new CancellationTokenSource();
        var first = Search(new LocalExecutor(1));
        first.Progress = new CancelAfter(10, cts.Cancel);
        var partial = await first.FitAsync(data, cts.Token);
        Assert.False(partial.Completed);

        int finishedBefore = RecordedTasks(Path.Combine(_dir, "j.db"));
        Assert.InRange(finishedBefore, 5, 35);
        var recorder = new RecordingExecutor(new LocalExecutor(2));
        var resumed = await Search(recorder).FitAsync(data);

        Assert.True(resumed.Completed);
        Assert.Equal(36 - finishedBefore, recorder.TasksSubmitted);
        AssertSameScores(uninterrupted.CvResults, resumed.CvResults);
    }

    [Fact]
    public async Task ACompletedJournalReplaysWithoutAnyFit()
    {
        var data = TestData.Load("iris");
        var first = await Search(new LocalExecutor(2)).FitAsync(data);
        var recorder = new RecordingExecutor(new LocalExecutor(2));
        var again = await Search(recorder).FitAsync(data);
        Assert.Equal(0, recorder.TasksSubmitted);
        AssertSameScores(first.CvResults, again.CvResults);
    }

    [Fact]
    public async Task AJournalOfAnotherSearchIsRefusedNamingWhatDiffers()
    {
        await Search(new LocalExecutor(2)).FitAsync(TestData.Load("iris"));
        var e = await Assert.ThrowsAsync<JournalException>(() => Search(new LocalExecutor(2), """{"max_depth":[2]}""").FitAsync(TestData.Load("iris")));
        Assert.Contains("candidates", e.Message);
        e = await Assert.ThrowsAsync<JournalException>(() => Search(new LocalExecutor(2)).FitAsync(TestData.Load("wine")));
        Assert.Contains("data", e.Message);
    }

    [Fact]
    public async Task ASecondDriverOnTheSameJournalIsRefused()
    {
        var gate = new TaskCompletionSource();
        var first = Search(new LocalExecutor(1));
        first.Progress = new CancelAfter(1, () => gate.TrySetResult());
        var running = first.FitAsync(TestData.Load("digits"));
        await gate.Task;
        var e = await Assert.ThrowsAsync<JournalException>(() => Search(new LocalExecutor(1)).FitAsync(TestData.Load("digits")));
        Assert.Contains("in use by another running search", e.Message);
        await running;
    }

    private static int RecordedTasks(string path)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM tasks";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    private static void AssertSameScores(CvResults expected, CvResults actual)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        foreach (var column in expected.Columns.Where(c => c.Contains("_test_") || c.StartsWith("param")))
            Assert.Equal(expected.Column(column).Select(v => v is double d ? BitConverter.DoubleToInt64Bits(d).ToString() : Estimators.RawJson.ToJson(v)),
                actual.Column(column).Select(v => v is double d ? BitConverter.DoubleToInt64Bits(d).ToString() : Estimators.RawJson.ToJson(v)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
