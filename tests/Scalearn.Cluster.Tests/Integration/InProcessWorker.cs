using Scalearn.Cluster.Worker;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>A worker host running inside the test process (it sees the task kinds and estimators the tests register).</summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public InProcessWorker(string broker, int concurrency = 1, string? name = null, Func<WorkerOptions, WorkerOptions>? configure = null)
    {
        var options = new WorkerOptions(broker, concurrency, name ?? "inproc-" + Guid.NewGuid().ToString("N")[..6], false) { Warmup = false };
        if (configure is not null) options = configure(options);
        _run = Task.Run(() => WorkerHost.RunAsync(options, _stop.Token));
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
