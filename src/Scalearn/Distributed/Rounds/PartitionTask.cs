namespace Scalearn.Distributed.Rounds;

/// <summary>
/// One partition's share of a round: the step's request (inline, or by the id of a shared input when it is large) and
/// the partition it runs on. <see cref="Attempt"/> counts retries of the same round on the same partition.
/// </summary>
internal sealed record PartitionTask<TRequest>(Guid Fit, long Round, int Attempt, int Partition, string PartitionId, long FirstRow,
    string Description, TRequest? Request, string? RequestId) where TRequest : class;

/// <summary>A partition's result, or why its data cannot be used (<see cref="DataError"/>: deterministic, never retried).</summary>
internal sealed record PartitionResult<TResult>(long Round, int Partition, TResult? Value, string? DataError) where TResult : class;
