using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Slots;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// Runs the tasks of one task message in order on the worker's slot pool and streams their outcomes to the driver.
/// Anything malformed, unsigned, of an unknown kind or of an ended job is dropped or answered as failed, never
/// crashing the worker; a task that throws or hits a limit becomes a failed outcome with the reason.
/// </summary>
internal sealed class TaskHandler(SlotPool pool, InputFetcher inputs, DriverLeases leases, MessageAuth auth,
    Execution.ResidentCache resident, string workerName, ILogger logger)
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan EagerFlushAfter = TimeSpan.FromMilliseconds(10);
    private int _busy;
    private long _lastRejectLog;

    /// <summary>Task messages in hand (running or fetching inputs).</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>Whether any task message has reached this handler.</summary>
    public bool Received { get; private set; }

    public async Task HandleAsync(ConsumeContext<TaskMessage> context)
    {
        Received = true;
        if (!auth.Verify(context.Message))
        {
            Reject("a task message without a valid signature");
            return;
        }
        TaskEnvelope envelope;
        try
        {
            envelope = TaskEnvelope.Decode(context.Message.Body);
        }
        catch (InvalidDataException e)
        {
            Reject("a malformed task message: " + e.Message);
            return;
        }
        string job = envelope.Job.ToString("N")[..8];
        var state = leases.Enter(envelope.Job, envelope.Driver);
        if (state is null)
        {
            logger.LogDebug("Dropped {Count} tasks of job {Job}: the job ended or its driver is gone", envelope.Tasks.Count, job);
            return;
        }
        var reply = await context.GetSendEndpoint(BrokerConnection.EndpointExchangeUri(envelope.ReplyTo));
        Interlocked.Increment(ref _busy);
        try
        {
            if (!TaskKinds.TryGet(envelope.Kind, out var kind))
            {
                logger.LogWarning("Rejected {Count} tasks of job {Job}: task kind '{Kind}' is not on this worker's allow-list", envelope.Tasks.Count, job, envelope.Kind);
                string error = $"Task kind '{envelope.Kind}' is not on this worker's allow-list (known: {string.Join(", ", TaskKinds.Names)}); load it with 'scalearn worker --plugin'.";
                await SendAsync(reply, envelope.Job, envelope.Tasks.Select(t => new ResultItem(t.Key, null, error, 0)).ToList(), context.CancellationToken);
                return;
            }
            await RunTasksAsync(context, envelope, kind, state, reply, job);
        }
        finally
        {
            Interlocked.Decrement(ref _busy);
        }
    }

    private async Task RunTasksAsync(ConsumeContext<TaskMessage> context, TaskEnvelope envelope, ITaskKind kind, DriverLeases.JobState state, ISendEndpoint reply, string job)
    {
        var pending = new List<ResultItem>();
        var sinceFlush = Stopwatch.StartNew();
        // One send is kept in flight while the next tasks run: waiting for the broker's confirmation after every flush
        // would leave the slot idle for a round trip each time. The message is acknowledged (by returning) only after
        // every outcome is confirmed, so a worker that dies mid-message has its tasks redelivered.
        Task sending = Task.CompletedTask;
        for (int i = 0; i < envelope.Tasks.Count; i++)
        {
            var (key, body) = envelope.Tasks[i];
            if (state.Token.IsCancellationRequested)
            {
                logger.LogDebug("Job {Job} ended ({Reason}); dropping its remaining tasks", job, state.EndReason);
                break;
            }
            if (state.IsCancelled(key)) continue;
            if (i + 1 < envelope.Tasks.Count) Prefetch(envelope, kind, state, envelope.Tasks[i + 1]);
            var item = await RunOneAsync(envelope, kind, state, key, body, job);
            if (item is not null) pending.Add(item);
            // Outcomes of 10 ms or more of work go out as soon as the previous send is confirmed (a driver keeping a
            // window of chunks waits for them); tiny tasks' outcomes are batched, at least every flush interval.
            if (pending.Count > 0 && (sending.IsCompleted && sinceFlush.Elapsed >= EagerFlushAfter || sinceFlush.Elapsed >= FlushInterval))
            {
                await sending;
                sending = SendAsync(reply, envelope.Job, [.. pending], context.CancellationToken);
                pending.Clear();
                sinceFlush.Restart();
            }
        }
        await sending;
        if (pending.Count > 0) await SendAsync(reply, envelope.Job, pending, context.CancellationToken);
    }

    /// <summary>Starts fetching the next task's inputs while this one runs (the fetch is shared with that task's own; a failure there is reported by the task).</summary>
    private void Prefetch(TaskEnvelope envelope, ITaskKind kind, DriverLeases.JobState state, (TaskKey Key, byte[] Body) next)
    {
        if (state.IsCancelled(next.Key)) return;
        IRunnableTask task;
        try
        {
            task = kind.Decode(next.Body);
        }
        catch (InvalidDataException)
        {
            return;
        }
        foreach (var id in task.Inputs)
            _ = inputs.GetAsync(envelope, id, state.Token).AsTask().ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }

    private async Task<ResultItem?> RunOneAsync(TaskEnvelope envelope, ITaskKind kind, DriverLeases.JobState state, TaskKey key, byte[] body, string job)
    {
        IRunnableTask task;
        try
        {
            task = kind.Decode(body);
            if (task.Key != key) throw new InvalidDataException($"The task's key {task.Key} is not the key {key} it was sent under.");
        }
        catch (InvalidDataException e)
        {
            logger.LogWarning("Rejected task {Key} of job {Job}: {Reason}", key, job, e.Message);
            return new ResultItem(key, null, "Rejected by worker: " + e.Message, 0);
        }
        using var cancel = state.TaskToken(key);
        var clock = Stopwatch.StartNew();
        try
        {
            var resolved = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var id in task.Inputs)
            {
                try
                {
                    resolved[id] = await inputs.GetAsync(envelope, id, cancel.Token);
                }
                catch (Exception e) when (e is InvalidDataException or RequestTimeoutException or RequestFaultException)
                {
                    return new ResultItem(key, null, $"Worker could not load input {WireLimits.Short(id)}: {e.Message}", clock.Elapsed.TotalSeconds);
                }
            }
            logger.LogDebug("job {Job} task {Key} {Kind} starting", job, key, kind.Name);
            var bytes = await pool.RunAsync(envelope.Job, token => task.Run(new TaskContext(workerName, id => resolved.TryGetValue(id, out var v) ? v
                : throw new InvalidDataException($"Input {WireLimits.Short(id)} is not one of the task's inputs."), resident, token)), cancel.Token);
            logger.LogDebug("job {Job} task {Key} {Kind} {Seconds:F3}s ok", job, key, kind.Name, clock.Elapsed.TotalSeconds);
            return new ResultItem(key, bytes, null, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            logger.LogDebug("job {Job} task {Key} stopped: {Reason}", job, key, state.EndReason ?? "cancelled by its driver");
            return null;
        }
        catch (Exception e)
        {
            string error = e is TaskLimitException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogWarning("job {Job} task {Key} {Kind} failed after {Seconds:F3}s: {Error}", job, key, kind.Name, clock.Elapsed.TotalSeconds, error);
            return new ResultItem(key, null, error, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            state.TaskDone(key);
        }
    }

    /// <summary>
    /// Sends outcomes in messages of about <see cref="WireLimits.ResultPartBytes"/> at most: a larger result goes out in
    /// parts, one message each, so that none nears the broker's message size limit (RabbitMQ's default is 128 MB).
    /// </summary>
    private async Task SendAsync(ISendEndpoint reply, Guid job, IReadOnlyList<ResultItem> results, CancellationToken ct)
    {
        var batch = new List<ResultItem>();
        long bytes = 0;
        foreach (var item in results.SelectMany(r => r.Split(WireLimits.ResultPartBytes)))
        {
            int size = item.Result?.Length ?? 0;
            if (batch.Count > 0 && (bytes + size > WireLimits.ResultPartBytes || batch.Count == WireLimits.MaxResultsPerMessage))
            {
                await SendOneAsync(reply, job, batch, ct);
                batch = [];
                bytes = 0;
            }
            batch.Add(item);
            bytes += size;
        }
        if (batch.Count > 0) await SendOneAsync(reply, job, batch, ct);
    }

    private Task SendOneAsync(ISendEndpoint reply, Guid job, IReadOnlyList<ResultItem> results, CancellationToken ct)
    {
        var body = new ResultEnvelope(job, workerName, results).Encode();
        return reply.Send(auth.Seal(body, (b, mac) => new ResultMessage { Body = b, Mac = mac }), ct);
    }

    private void Reject(string what)
    {
        long now = Stopwatch.GetTimestamp();
        long last = Interlocked.Read(ref _lastRejectLog);
        if (Stopwatch.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(1) && Interlocked.CompareExchange(ref _lastRejectLog, now, last) == last)
            logger.LogWarning("Dropped {What}", what);
    }
}
