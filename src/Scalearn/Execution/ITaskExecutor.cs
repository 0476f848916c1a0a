namespace Scalearn.Execution;

/// <summary>
/// Runs jobs of any registered task kind: on this machine's cores (<see cref="LocalExecutor"/>) or on RabbitMQ workers
/// (Scalearn.Cluster's ClusterExecutor). All jobs of an executor share its slots. Searches, batch predictions, group
/// trainers and the other distributed jobs only ever see this interface.
/// </summary>
public interface ITaskExecutor
{
    /// <summary>Tasks that can run at once right now (local slots, or the live workers' slots); a sizing hint.</summary>
    int Slots { get; }

    IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<Blobs.IBlob>? inputs = null, JobOptions? options = null)
        where TTask : notnull where TResult : notnull;
}
