using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Distributed.Rounds;

/// <summary>
/// Runs a step's partitions in this process by direct calls, with the partitions' state in a cache of its own: how a
/// fit on one machine uses the same driver code as a data-parallel one (with the whole dataset as one partition).
/// </summary>
internal sealed class InProcessRunner<TRequest, TResult> : IPartitionRunner<TRequest, TResult> where TRequest : class where TResult : class
{
    private readonly PartitionStepKind<TRequest, TResult> _kind;
    private readonly IReadOnlyList<Dataset> _partitions;
    private readonly long[] _firstRows;
    private readonly ResidentCache _state = new(long.MaxValue);
    private readonly Guid _fit = Guid.NewGuid();

    public InProcessRunner(PartitionStepKind<TRequest, TResult> kind, IReadOnlyList<Dataset> partitions)
    {
        _kind = kind;
        _partitions = partitions;
        _firstRows = new long[partitions.Count];
        for (int i = 1; i < partitions.Count; i++) _firstRows[i] = _firstRows[i - 1] + partitions[i - 1].Count;
    }

    public int Count => _partitions.Count;

    public TResult[] Run(TRequest request)
    {
        FitInterruption.Check();
        var results = new TResult[_partitions.Count];
        for (int i = 0; i < results.Length; i++)
        {
            string description = _partitions.Count == 1 ? "the data" : $"partition {i}";
            var partition = PartitionContext.Open(_fit, i, _firstRows[i], "local" + i, description, _partitions[i], _state, FitInterruption.Token);
            results[i] = _kind.Step(partition, request);
        }
        return results;
    }
}
