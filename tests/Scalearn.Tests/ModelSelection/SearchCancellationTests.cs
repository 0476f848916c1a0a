using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.Trees;

namespace Scalearn.Tests.ModelSelection;

/// <summary>How a search ends when it is cancelled while its job's fits run or wait to be read.</summary>
public sealed class SearchCancellationTests
{
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

    private sealed class CancelAfter(int done, Action cancel) : IProgress<JobProgress>
    {
        private int _fired;
        public void Report(JobProgress value)
        {
            if (value.Done >= done && Interlocked.Exchange(ref _fired, 1) == 0) cancel();
        }
    }
}
