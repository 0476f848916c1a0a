using System.Diagnostics;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.Execution;

public class LocalExecutorTests
{
    private static TaskBatch Batch(int candidates)
    {
        var digits = TestData.Load("digits");
        var folds = new KFold(5).Split(digits);
        var spec = EstimatorSpec.Of(new GaussianNB());
        var tasks = Enumerable.Range(0, candidates).SelectMany(c => Enumerable.Range(0, 5).Select(s => new FitTask(c, s, spec, ["accuracy"], false))).ToArray();
        return new TaskBatch(digits, folds, tasks);
    }

    [Fact]
    public async Task YieldsEveryTaskOnceAndReportsProgress()
    {
        var batch = Batch(4);
        var reports = new List<ExecutionProgress>();
        var progress = new SyncProgress(reports.Add);
        var results = new List<FitResult>();
        await foreach (var r in new LocalExecutor(2).RunAsync(batch, progress)) results.Add(r);
        Assert.Equal(20, results.Count);
        Assert.Equal(20, results.Select(r => (r.Candidate, r.Split)).Distinct().Count());
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(20, reports[^1].Done);
        Assert.Equal(20, reports[^1].Total);
        Assert.Equal(2, reports[^1].Workers);
    }

    [Fact]
    public async Task CancellationStopsTheStreamPromptly()
    {
        var batch = Batch(300);
        using var cts = new CancellationTokenSource();
        int received = 0;
        var clock = new Stopwatch();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var r in new LocalExecutor(2).RunAsync(batch, null, cts.Token))
            {
                Assert.Null(r.Error);
                if (++received == 5) { clock.Start(); cts.Cancel(); }
            }
        });
        clock.Stop();
        Assert.Equal(5, received);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void JobsMustBeValid()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LocalExecutor(-2));
        Assert.Equal(Environment.ProcessorCount, new LocalExecutor(0).Jobs);
    }

    private sealed class SyncProgress(Action<ExecutionProgress> report) : IProgress<ExecutionProgress>
    {
        public void Report(ExecutionProgress value) => report(value);
    }
}
