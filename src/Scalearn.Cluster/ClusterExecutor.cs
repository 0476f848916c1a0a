using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using MassTransit;
using RabbitMQ.Client;
using Scalearn.Cluster.Driver;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;

namespace Scalearn.Cluster;

/// <summary>
/// Runs a search's fit tasks on `scalearn worker` processes connected to a RabbitMQ broker. Tasks go to the cluster's
/// shared queue in messages of several tasks; the dataset and folds travel separately, once per worker, by content
/// hash. Results stream back to this driver's own queue and are de-duplicated, so a redelivered message (a worker died
/// mid-batch) changes nothing.
/// </summary>
public sealed class ClusterExecutor : ITaskExecutor, IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly ClusterAddress _address;
    private readonly ClusterOptions _options;
    private readonly BlobStore _blobs = new();
    private readonly WorkerTracker _workers;
    private readonly ConcurrentDictionary<Guid, BatchRun> _runs = new();
    private readonly string _replyQueue;
    private readonly long _connectedAt = Stopwatch.GetTimestamp();
    private IBusControl _bus = null!;
    private long _taskMessages, _taskMessageBytes, _tasks, _resultMessages, _duplicates;

    private ClusterExecutor(ClusterAddress address, ClusterOptions options)
    {
        _address = address;
        _options = options;
        _workers = new WorkerTracker(Log);
        _replyQueue = $"{address.Cluster}.driver.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}";
    }

    public ClusterAddress Address => _address;

    public ClusterStatistics Statistics => new(
        new Dictionary<string, long>(_blobs.BytesServedByWorker), Interlocked.Read(ref _taskMessages), Interlocked.Read(ref _taskMessageBytes),
        Interlocked.Read(ref _tasks), Interlocked.Read(ref _resultMessages), Interlocked.Read(ref _duplicates));

    /// <summary>Connects to the broker; throws <see cref="ClusterException"/> (naming host:port, never the password) when it cannot.</summary>
    public static async Task<ClusterExecutor> ConnectAsync(string amqpUri, ClusterOptions? options = null, CancellationToken ct = default)
    {
        var address = ClusterAddress.Parse(amqpUri);
        var executor = new ClusterExecutor(address, options ?? new ClusterOptions());
        await executor.StartAsync(ct);
        return executor;
    }

    private async Task StartAsync(CancellationToken ct)
    {
        await BrokerConnection.ProbeAsync(_address, _options.ConnectTimeout, ct);
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            BrokerConnection.ConfigureHost(cfg, _address, "scalearn-driver");
            cfg.ReceiveEndpoint(_replyQueue, e =>
            {
                e.ConfigureConsumeTopology = false;
                // Durable with an expiry (not auto-delete): results survive a broker restart, and the queue of a
                // driver that died disappears by itself.
                e.Durable = true;
                e.AutoDelete = false;
                e.SetQueueArgument("x-expires", (int)TimeSpan.FromMinutes(10).TotalMilliseconds);
                e.PrefetchCount = 64;
                e.ConcurrentMessageLimit = 8;
                e.Bind(_address.HeartbeatExchange, x => x.ExchangeType = ExchangeType.Fanout);
                e.Handler<TaskResultsMessage>(ctx =>
                {
                    OnResults(ctx.Message);
                    return Task.CompletedTask;
                });
                e.Handler<WorkerHeartbeat>(ctx =>
                {
                    _workers.OnHeartbeat(ctx.Message);
                    return Task.CompletedTask;
                });
                e.Handler<BlobRequest>(ctx => ctx.RespondAsync(_blobs.Serve(ctx.Message)));
            });
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(_options.ConnectTimeout);
        try
        {
            await _bus.StartAsync(cts.Token);
        }
        catch (Exception e) when (e is not ClusterException && !ct.IsCancellationRequested)
        {
            await StopBusQuietlyAsync();
            string reason = e is OperationCanceledException
                ? $"no connection within {_options.ConnectTimeout.TotalSeconds:0} s (check user, password and vhost '{_address.VirtualHost}')"
                : ClusterAddress.Mask(e.GetBaseException().Message);
            throw new ClusterException($"Cannot connect to RabbitMQ at {_address.Endpoint}: {reason}");
        }
    }

    public async IAsyncEnumerable<FitResult> RunAsync(TaskBatch batch, IProgress<ExecutionProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Tasks.Count == 0) yield break;
        var run = new BatchRun(Guid.NewGuid(), batch.Tasks);
        var clock = Stopwatch.StartNew();
        var watchdog = new Watchdog(this);
        _runs[run.Id] = run;
        using var dataBlob = _blobs.Register(batch.Data.ContentHash, () => DatasetCodec.Encode(batch.Data));
        using var foldsBlob = _blobs.Register(batch.Folds.ContentHash, () => FoldsCodec.Encode(batch.Folds));
        bool finished = false;
        try
        {
            int slots = await WaitForWorkersAsync(watchdog, run, clock, progress, cancellationToken);
            await SendTasksAsync(run, batch, batch.Tasks, slots, watchdog, _options.DropFirstMessages, cancellationToken);
            int done = 0, resends = 0;
            while (done < run.Total)
            {
                if (run.Results.TryRead(out var result))
                {
                    done++;
                    // Callers often stop enumerating once they hold every result: the batch is complete, not cancelled.
                    if (done == run.Total) finished = true;
                    Report(progress, done, run.Total, clock);
                    yield return result;
                    continue;
                }
                if (!await WaitForResultAsync(run, cancellationToken))
                {
                    watchdog.Check(done, run.Total);
                    Report(progress, done, run.Total, clock);
                    if (watchdog.Stalled(done))
                    {
                        var missing = run.Missing(batch.Tasks);
                        if (++resends > _options.MaxResends)
                            throw new ClusterException($"{missing.Count} of {run.Total} tasks never came back although workers were idle, " +
                                $"even after sending them {_options.MaxResends} more times; see the workers' logs and the '{_address.TaskQueue}_error' queue.");
                        Log($"{missing.Count} tasks are outstanding but every worker is idle: their messages were lost; sending them again");
                        await SendTasksAsync(run, batch, missing, _workers.Snapshot().Slots, watchdog, 0, cancellationToken);
                    }
                }
            }
            finished = true;
        }
        finally
        {
            _runs.TryRemove(run.Id, out _);
            Interlocked.Add(ref _duplicates, run.Duplicates);
            if (!finished) await SendCancelAsync(run.Id);
        }
    }

    private static async Task<bool> WaitForResultAsync(BatchRun run, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Tick);
        try
        {
            return await run.Results.WaitToReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits until some worker is live (sizing messages needs the slot count); returns the cluster's slots.</summary>
    private async Task<int> WaitForWorkersAsync(Watchdog watchdog, BatchRun run, Stopwatch clock, IProgress<ExecutionProgress>? progress, CancellationToken ct)
    {
        // Heartbeats come every second: a driver that just connected has not heard from every worker yet.
        var sinceConnect = Stopwatch.GetElapsedTime(_connectedAt);
        var settle = TimeSpan.FromSeconds(1.2) - sinceConnect;
        if (settle > TimeSpan.Zero) await Task.Delay(settle, ct);
        while (true)
        {
            var (workers, slots, _, _) = _workers.Snapshot();
            if (workers > 0) return slots;
            watchdog.Check(0, run.Total);
            Report(progress, 0, run.Total, clock);
            await Task.Delay(Tick, ct);
        }
    }

    private async Task SendTasksAsync(BatchRun run, TaskBatch batch, IReadOnlyList<FitTask> tasks, int slots, Watchdog watchdog, int drop, CancellationToken ct)
    {
        var plan = TaskMessagePlan.Split(tasks, slots, Math.Clamp(_options.MaxTasksPerMessage, 1, WireLimits.MaxTasksPerMessage));
        var messages = plan.Select((chunk, i) => new TaskBatchMessage
        {
            BatchId = run.Id,
            Sequence = i,
            DatasetHash = batch.Data.ContentHash,
            FoldsHash = batch.Folds.ContentHash,
            ReplyTo = _replyQueue,
            Tasks = chunk.Select(TaskJson.Write).ToArray(),
        }).ToList();
        while (true)
        {
            try
            {
                var endpoint = await _bus.GetSendEndpoint(BrokerConnection.QueueUri(_address.TaskQueue));
                int copies = _options.SendEveryMessageTwice ? 2 : 1;
                await Task.WhenAll(messages.Skip(drop).SelectMany(m => Enumerable.Repeat(m, copies)).Select(m => endpoint.Send(m, ct)));
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                // Broker gone while sending: a resend may duplicate messages, which results de-duplication absorbs.
                Log("sending tasks failed (" + ClusterAddress.Mask(e.GetBaseException().Message) + "); retrying");
                watchdog.Check(0, run.Total);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        Interlocked.Add(ref _taskMessages, messages.Count);
        Interlocked.Add(ref _taskMessageBytes, messages.Sum(m => m.Tasks.Sum(t => (long)t.Length)));
        Interlocked.Add(ref _tasks, tasks.Count);
    }

    private void OnResults(TaskResultsMessage message)
    {
        Interlocked.Increment(ref _resultMessages);
        if (!_runs.TryGetValue(message.BatchId, out var run)) return;   // a finished or cancelled batch
        foreach (var json in message.Results ?? [])
        {
            try
            {
                run.Accept(ResultJson.Read(json));
            }
            catch (InvalidDataException e)
            {
                Log($"ignored a malformed result from worker {message.Worker}: {e.Message}");
            }
        }
    }

    private async Task SendCancelAsync(Guid batchId)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var endpoint = await _bus.GetSendEndpoint(BrokerConnection.FanoutUri(_address.ControlExchange));
            await endpoint.Send(new CancelBatch { BatchId = batchId }, cts.Token);
        }
        catch (Exception e)
        {
            Log("could not tell workers to drop the cancelled batch: " + ClusterAddress.Mask(e.GetBaseException().Message));
        }
    }

    private void Report(IProgress<ExecutionProgress>? progress, int done, int total, Stopwatch clock)
    {
        if (progress is null) return;
        var (workers, _, inFlight, _) = _workers.Snapshot();
        progress.Report(new ExecutionProgress(done, total, Math.Min(inFlight, total - done), workers, clock.Elapsed));
    }

    private void Log(string message) => _options.Log?.Invoke($"[cluster {_address.Cluster}@{_address.Endpoint}] {message}");

    private async Task StopBusQuietlyAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _bus.StopAsync(cts.Token);
        }
        catch (Exception)
        {
            // Already failing or shutting down; the original problem is what the caller needs to see.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null) await StopBusQuietlyAsync();
    }

    /// <summary>Turns "no worker" and "no broker" into a notice after a few seconds and a ClusterException after the timeouts.</summary>
    private sealed class Watchdog(ClusterExecutor executor)
    {
        private long? _noWorkerSince, _brokerLostSince;
        private bool _noWorkerNoticed;
        private long _progressAt = Stopwatch.GetTimestamp();
        private int _lastDone = -1;

        /// <summary>True when results stopped while live workers report no message in hand for StallTimeout.</summary>
        public bool Stalled(int done)
        {
            var (workers, _, _, busy) = executor._workers.Snapshot();
            if (done != _lastDone || busy > 0 || workers == 0 || _brokerLostSince is not null)
            {
                _lastDone = done;
                _progressAt = Stopwatch.GetTimestamp();
                return false;
            }
            if (Stopwatch.GetElapsedTime(_progressAt) < executor._options.StallTimeout) return false;
            _progressAt = Stopwatch.GetTimestamp();
            return true;
        }

        public void Check(int done, int total)
        {
            var options = executor._options;
            bool brokerHealthy = executor._bus.CheckHealth().Status == BusHealthStatus.Healthy;
            if (!brokerHealthy)
            {
                if (_brokerLostSince is null)
                {
                    _brokerLostSince = Stopwatch.GetTimestamp();
                    executor.Log($"lost the connection to RabbitMQ; waiting up to {options.BrokerTimeout.TotalSeconds:0} s for it to return");
                }
                else if (Stopwatch.GetElapsedTime(_brokerLostSince.Value) > options.BrokerTimeout)
                {
                    throw new ClusterException($"Lost the connection to RabbitMQ at {executor._address.Endpoint} for more than " +
                        $"{options.BrokerTimeout.TotalSeconds:0} s; {total - done} of {total} tasks unfinished.");
                }
                _noWorkerSince = null;   // heartbeats cannot arrive while the broker is away
                return;
            }
            if (_brokerLostSince is not null)
            {
                executor.Log("connection to RabbitMQ is back");
                _brokerLostSince = null;
            }
            if (executor._workers.Snapshot().Workers > 0)
            {
                if (_noWorkerNoticed) executor.Log("a worker is connected again");
                _noWorkerSince = null;
                _noWorkerNoticed = false;
                return;
            }
            _noWorkerSince ??= Stopwatch.GetTimestamp();
            var waited = Stopwatch.GetElapsedTime(_noWorkerSince.Value);
            if (waited > options.NoWorkerTimeout)
                throw new ClusterException($"No worker connected to cluster '{executor._address.Cluster}' at {executor._address.Endpoint} for " +
                    $"{options.NoWorkerTimeout.TotalSeconds:0} s; {total - done} of {total} tasks unfinished. Start one with: scalearn worker --broker {executor._address}");
            if (!_noWorkerNoticed && waited > options.NoWorkerNotice)
            {
                _noWorkerNoticed = true;
                executor.Log($"no worker connected; waiting up to {options.NoWorkerTimeout.TotalSeconds:0} s " +
                    $"(start one with: scalearn worker --broker {executor._address})");
            }
        }
    }
}
