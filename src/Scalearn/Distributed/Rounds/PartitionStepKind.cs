using Scalearn.Execution;
using Scalearn.Execution.Wire;

namespace Scalearn.Distributed.Rounds;

/// <summary>
/// A task kind that runs one step of a data-parallel algorithm on one partition. This base handles what every such
/// kind shares: task keys (round, partition, attempt), the partition as the task's preferred input (its holder runs it;
/// a retry goes to whichever worker is free), requests shipped inline or as a shared input when large, loading the
/// partition's rows, and telling bad data (a result naming it, never retried) from a failed task.
/// </summary>
internal abstract class PartitionStepKind<TRequest, TResult> : TaskKind<PartitionTask<TRequest>, PartitionResult<TResult>>
    where TRequest : class where TResult : class
{
    public const int MaxAttempts = 15;
    private const int MaxDescriptionBytes = 4096;

    /// <summary>The step itself: what one partition contributes to the round.</summary>
    public abstract TResult Step(PartitionContext partition, TRequest request);

    public abstract void WriteRequest(TRequest request, WireWriter writer);

    /// <summary>Reads a request from an untrusted message; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    public abstract TRequest ReadRequest(WireReader reader);

    protected abstract void WriteValue(TResult value, WireWriter writer);

    /// <summary>Reads a result from an untrusted message; throws <see cref="InvalidDataException"/> when it is malformed.</summary>
    protected abstract TResult ReadValue(WireReader reader);

    /// <summary>Why <paramref name="value"/> cannot be the answer to <paramref name="request"/> (wrong shape), or null.</summary>
    protected virtual string? Mismatch(TRequest request, TResult value) => null;

    public byte[] EncodeRequest(TRequest request)
    {
        var writer = new WireWriter();
        WriteRequest(request, writer);
        return writer.ToArray();
    }

    public TRequest DecodeRequest(ReadOnlyMemory<byte> bytes)
    {
        var reader = new WireReader(bytes);
        var request = ReadRequest(reader);
        reader.End();
        return request;
    }

    public override TaskKey Key(PartitionTask<TRequest> task)
    {
        if (task.Round is < 0 or >= 1L << 43 || task.Partition is < 0 or >= PartitionedDataset.MaxPartitions || task.Attempt is < 0 or > MaxAttempts)
            throw new ArgumentOutOfRangeException(nameof(task), $"Round {task.Round}, partition {task.Partition}, attempt {task.Attempt} do not fit a task key.");
        return new TaskKey(task.Round << 20 | (long)task.Partition << 4 | (long)task.Attempt);
    }

    public override IReadOnlyList<string> Inputs(PartitionTask<TRequest> task) =>
        task.RequestId is null ? [task.PartitionId] : [task.PartitionId, task.RequestId];

    public override string? PreferredInput(PartitionTask<TRequest> task) => task.Attempt == 0 ? task.PartitionId : null;

    public override bool SpreadPreferredInputs => true;

    public override PartitionResult<TResult> Run(PartitionTask<TRequest> task, TaskContext context)
    {
        var request = task.Request ?? context.Resident.GetOrAdd("dp-request:" + task.RequestId, () =>
        {
            var bytes = context.Input<byte[]>(task.RequestId!);
            return (DecodeRequest(bytes), bytes.LongLength);
        });
        try
        {
            var partition = PartitionContext.Open(task.Fit, task.Partition, task.FirstRow, task.PartitionId, task.Description,
                context.Input<object>(task.PartitionId), context.Resident, context.Cancellation);
            return new PartitionResult<TResult>(task.Round, task.Partition, Step(partition, request), null);
        }
        catch (PartitionDataException e)
        {
            return new PartitionResult<TResult>(task.Round, task.Partition, null, e.Message);
        }
    }

    public override PartitionResult<TResult> Failure(PartitionTask<TRequest> task, string error) => new(task.Round, task.Partition, null, null);

    public override void WriteTask(PartitionTask<TRequest> task, WireWriter writer)
    {
        writer.Guid(task.Fit);
        writer.Int64(task.Round);
        writer.Int32(task.Attempt);
        writer.Int32(task.Partition);
        writer.String(task.PartitionId);
        writer.Int64(task.FirstRow);
        writer.String(task.Description);
        writer.String(task.RequestId);
        if (task.RequestId is null) WriteRequest(task.Request!, writer);
    }

    public override PartitionTask<TRequest> ReadTask(WireReader reader)
    {
        var fit = reader.Guid();
        long round = reader.Int64();
        if (round is < 0 or >= 1L << 43) throw new InvalidDataException($"Round {round} is out of range.");
        int attempt = reader.Int32(0, MaxAttempts, "Attempt");
        int partition = reader.Int32(0, PartitionedDataset.MaxPartitions - 1, "Partition");
        string partitionId = Hash(reader.String(64), "partition");
        long firstRow = reader.Int64();
        if (firstRow < 0) throw new InvalidDataException($"First row {firstRow} is negative.");
        string description = reader.String(MaxDescriptionBytes);
        string? requestId = reader.NullableString(64);
        var request = requestId is null ? ReadRequest(reader) : null;
        return new PartitionTask<TRequest>(fit, round, attempt, partition, partitionId, firstRow, description, request,
            requestId is null ? null : Hash(requestId, "request"));
    }

    public override void WriteResult(PartitionResult<TResult> result, WireWriter writer)
    {
        writer.Int64(result.Round);
        writer.Int32(result.Partition);
        writer.String(result.DataError);
        writer.Bool(result.Value is not null);
        if (result.Value is not null) WriteValue(result.Value, writer);
    }

    public override PartitionResult<TResult> ReadResult(WireReader reader)
    {
        long round = reader.Int64();
        int partition = reader.Int32(0, PartitionedDataset.MaxPartitions - 1, "Partition");
        string? error = reader.NullableString(1 << 16);
        var value = reader.Bool() ? ReadValue(reader) : null;
        return new PartitionResult<TResult>(round, partition, value, error);
    }

    public override string? Mismatch(PartitionTask<TRequest> task, PartitionResult<TResult> result)
    {
        if (result.Round != task.Round || result.Partition != task.Partition)
            return $"result is for round {result.Round} partition {result.Partition}, not the task's {task.Round}/{task.Partition}";
        if ((result.Value is null) == (result.DataError is null)) return "a result holds either a value or a data error";
        return result.Value is not null && task.Request is not null ? Mismatch(task.Request, result.Value) : null;
    }

    private static string Hash(string id, string what) =>
        id.Length == 64 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')) ? id : throw new InvalidDataException($"The {what} id '{id}' is not a content hash.");
}
