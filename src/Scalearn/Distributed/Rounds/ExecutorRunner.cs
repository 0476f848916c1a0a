using System.Collections.Concurrent;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Distributed.Rounds;

/// <summary>
/// Runs a step's partitions as tasks of one long-lived job on an executor: each round submits one task per partition
/// (to the worker holding it), waits for all of them and returns their results by partition index. A task that fails
/// is submitted again without a preferred worker, up to the attempt limit; a partition whose data is bad fails the round
/// at once, naming it. Workers that die are the engine's business (their tasks go elsewhere and the partition is
/// fetched again); the step rebuilds any state the new holder lacks from the request.
/// </summary>
internal sealed class ExecutorRunner<TRequest, TResult> : IPartitionRunner<TRequest, TResult>, IAsyncDisposable
    where TRequest : class where TResult : class
{
    /// <summary>Requests larger than this travel once per worker as a shared input instead of inside every task.</summary>
    private const int InlineRequestBytes = 64 << 10;

    private readonly ITaskExecutor _executor;
    private readonly PartitionStepKind<TRequest, TResult> _kind;
    private readonly PartitionedDataset _data;
    private readonly IJob<PartitionTask<TRequest>, PartitionResult<TResult>> _job;
    private readonly Guid _fit = Guid.NewGuid();
    private readonly int _maxAttempts;
    private readonly Action<string>? _log;
    private readonly CancellationTokenSource _stop;
    private readonly ConcurrentDictionary<long, Round> _rounds = new();
    private readonly Task _reader;
    private long _nextRound;
    private volatile Exception? _failure;

    public ExecutorRunner(ITaskExecutor executor, PartitionStepKind<TRequest, TResult> kind, PartitionedDataset data, int maxAttempts,
        TimeSpan? taskTimeout, Action<string>? log, CancellationToken cancellationToken)
    {
        if (maxAttempts < 1 || maxAttempts > PartitionStepKind<TRequest, TResult>.MaxAttempts + 1)
            throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, $"Attempts per task must be between 1 and {PartitionStepKind<TRequest, TResult>.MaxAttempts + 1}.");
        _executor = executor;
        _kind = kind;
        _data = data;
        _maxAttempts = maxAttempts;
        _log = log;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _job = executor.Start(kind, data.Blobs, new JobOptions { TaskTimeout = taskTimeout });
        _reader = System.Threading.Tasks.Task.Run(ReadAsync);
    }

    public int Count => _data.Count;

    public TResult[] Run(TRequest request)
    {
        _stop.Token.ThrowIfCancellationRequested();
        FitInterruption.Check();
        if (_failure is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        var round = new Round(Interlocked.Increment(ref _nextRound), request, Broadcast(request), _data.Count);
        _rounds[round.Id] = round;
        var tasks = _data.Partitions.Select(p => NewTask(round, p.Index, 0)).ToList();
        lock (round)
            foreach (var t in tasks) round.Pending.Add(_kind.Key(t));
        try
        {
            _job.Submit(tasks);
            if (_failure is { } late) round.Completion.TrySetException(late);
            return round.Completion.Task.WaitAsync(_stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            _rounds.TryRemove(round.Id, out _);
            TaskKey[] leftover;
            lock (round) leftover = [.. round.Pending];
            foreach (var key in leftover) _job.Cancel(key);
        }
    }

    private PartitionTask<TRequest> NewTask(Round round, int partition, int attempt)
    {
        var p = _data.Partitions[partition];
        return new PartitionTask<TRequest>(_fit, round.Id, attempt, partition, p.Blob.Id, p.FirstRow, p.ToString(), round.Request, round.RequestId);
    }

    /// <summary>Shares a large request as an input (workers fetch it once each) and returns its id; null keeps it inline.</summary>
    private string? Broadcast(TRequest request)
    {
        if (_executor is LocalExecutor) return null;   // tasks there see the request object itself
        var bytes = _kind.EncodeRequest(request);
        if (bytes.Length <= InlineRequestBytes) return null;
        var blob = new BytesBlob(bytes);
        _job.Share(blob);
        return blob.Id;
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var outcome in _job.Results(_stop.Token).ConfigureAwait(false))
                if (_rounds.TryGetValue(outcome.Task.Round, out var round)) OnOutcome(round, outcome);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _failure = e;
            foreach (var round in _rounds.Values) round.Completion.TrySetException(e);
        }
    }

    private void OnOutcome(Round round, TaskOutcome<PartitionTask<TRequest>, PartitionResult<TResult>> outcome)
    {
        var task = outcome.Task;
        PartitionTask<TRequest>? retry = null;
        lock (round)
        {
            round.Pending.Remove(outcome.Key);
            if (round.Done[task.Partition]) return;   // another attempt already answered
            if (!outcome.Failed && outcome.Result.Value is { } value)
            {
                round.Results[task.Partition] = value;
                round.Done[task.Partition] = true;
                if (++round.Completed == round.Results.Length) round.Completion.TrySetResult(round.Results);
                return;
            }
            if (!outcome.Failed && outcome.Result.DataError is { } dataError)
            {
                round.Completion.TrySetException(new PartitionDataException(dataError));
                return;
            }
            if (task.Attempt + 1 >= _maxAttempts)
            {
                round.Completion.TrySetException(new DataParallelException(
                    $"{task.Description} failed {_maxAttempts} time{(_maxAttempts == 1 ? "" : "s")}; the last attempt, on {Worker(outcome.Worker)}: {outcome.Error}"));
                return;
            }
            retry = NewTask(round, task.Partition, task.Attempt + 1);
            round.Pending.Add(_kind.Key(retry));
        }
        _log?.Invoke($"{task.Description} failed on {Worker(outcome.Worker)} ({outcome.Error}); trying again (attempt {retry.Attempt + 1} of {_maxAttempts})");
        _job.Submit(retry);
    }

    private static string Worker(string worker) => string.IsNullOrEmpty(worker) ? "an unknown worker" : worker == "local" ? "this machine" : "worker " + worker;

    public async ValueTask DisposeAsync()
    {
        _job.Complete();
        await _job.DisposeAsync().ConfigureAwait(false);
        _stop.Cancel();
        try
        {
            await _reader.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The reader records its failure for the rounds; nothing is waiting for it any more.
        }
        _stop.Dispose();
        // This machine's executor keeps state in its own cache: drop this fit's (the partitions' layouts stay for the next fit).
        if (_executor is LocalExecutor local)
            foreach (var key in local.Resident.Keys.Where(k => k.Contains(PartitionContext.FitTag(_fit), StringComparison.Ordinal)))
                local.Resident.Remove(key);
    }

    private sealed class Round(long id, TRequest request, string? requestId, int partitions)
    {
        public long Id { get; } = id;
        public TRequest Request { get; } = request;
        public string? RequestId { get; } = requestId;
        public TResult[] Results { get; } = new TResult[partitions];
        public bool[] Done { get; } = new bool[partitions];
        public HashSet<TaskKey> Pending { get; } = [];
        public int Completed { get; set; }
        public TaskCompletionSource<TResult[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
