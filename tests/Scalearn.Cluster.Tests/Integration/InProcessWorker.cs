using Scalearn.Cluster.Worker;
using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>A worker host running inside the test process (for tests that need to observe or control task execution).</summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public InProcessWorker(string broker, Func<FitTask, Dataset, Folds, FitResult> runTask, int concurrency = 1, string? name = null)
    {
        _run = Task.Run(() => WorkerHost.RunAsync(new WorkerOptions(broker, concurrency, name ?? "inproc-" + Guid.NewGuid().ToString("N")[..6], false), runTask, _stop.Token));
    }

    public bool IsRunning => !_run.IsCompleted;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
