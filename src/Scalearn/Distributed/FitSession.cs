using Scalearn.Distributed.Rounds;
using Scalearn.Distributed.Summaries;
using Scalearn.Execution;

namespace Scalearn.Distributed;

/// <summary>One data-parallel fit's runners on an executor (one job per step kind), disposed together at the end.</summary>
internal sealed class FitSession(ITaskExecutor executor, PartitionedDataset data, DataParallelOptions options, CancellationToken cancellation) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _runners = [];

    public PartitionedDataset Data => data;
    public DataParallelOptions Options => options;

    public ExecutorRunner<TRequest, TResult> Runner<TRequest, TResult>(PartitionStepKind<TRequest, TResult> kind) where TRequest : class where TResult : class
    {
        var runner = new ExecutorRunner<TRequest, TResult>(executor, kind, data, options.MaxTaskAttempts, options.TaskTimeout,
            message => Report(new DataParallelProgress("retry", 0, 0, 0, message)), cancellation);
        lock (_runners) _runners.Add(runner);
        return runner;
    }

    /// <summary>The summary round: loads every partition where it will stay and checks it; throws on bad or inconsistent partitions.</summary>
    public DatasetSummary Summarize(SummaryRequest request)
    {
        var parts = Runner(SummaryKind.Instance).Run(request);
        var summary = DatasetSummary.Combine(parts, i => data.Partitions[i].ToString(), i => data.Partitions[i].Rows);
        Report(new DataParallelProgress("summary", 0, 0, summary.Rows, $"{summary.Rows} rows, {summary.Features} features in {data.Count} partitions"));
        return summary;
    }

    public void Report(DataParallelProgress progress) => options.Progress?.Report(progress);

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> runners;
        lock (_runners) runners = [.. _runners];
        foreach (var runner in runners) await runner.DisposeAsync().ConfigureAwait(false);
    }
}
