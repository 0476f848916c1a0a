namespace Scalearn.Execution;

/// <summary>
/// Runs tasks and streams their results back in completion order. The local executor runs them on this machine's
/// cores; the cluster executor (Scalearn.Cluster) on RabbitMQ workers. Searches only ever see this interface.
/// Cancellation stops outstanding work promptly; results already yielded stay valid.
/// </summary>
public interface ITaskExecutor
{
    IAsyncEnumerable<FitResult> RunAsync(TaskBatch batch, IProgress<ExecutionProgress>? progress = null, CancellationToken cancellationToken = default);
}
