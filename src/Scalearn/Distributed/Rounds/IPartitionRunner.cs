namespace Scalearn.Distributed.Rounds;

/// <summary>
/// Runs one step on every partition and returns the results in partition order, whatever order they arrived in, so the
/// driver reduces them deterministically. In this process (a fit on one machine: the same driver code on one partition)
/// or as tasks on an executor (each partition's task goes where the partition is held). Safe to call from several
/// threads at once (the n_init runs of k-means share one runner).
/// </summary>
internal interface IPartitionRunner<TRequest, TResult> where TRequest : class where TResult : class
{
    int Count { get; }

    /// <summary>Blocks until every partition answered; throws what stopped the round.</summary>
    TResult[] Run(TRequest request);
}
