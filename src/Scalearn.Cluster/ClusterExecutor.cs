using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using RabbitMQ.Client;
using Scalearn.Cluster.Driver;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;

namespace Scalearn.Cluster;

/// <summary>
/// Runs jobs of any task kind on `scalearn worker` processes connected to a RabbitMQ broker. Tasks go to the cluster's
/// shared queue (or to the worker holding a task's preferred input) in messages of several tasks; shared inputs travel
/// separately, once per worker, by content hash and in chunks. Results stream back to this driver's own queue and are
/// accepted only for tasks in flight, so a redelivered message (a worker died mid-message) changes nothing. The driver
/// renews a lease on its jobs every second; workers drop the tasks of a driver whose lease expired.
/// </summary>
public sealed class ClusterExecutor : ITaskExecutor, IAsyncDisposable
{
    private static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(1);
    /// <summary>
    /// After the first worker answers, how long at most to wait for the others before sizing the first messages (the wait
    /// ends as soon as as many workers answered as the task queue has consumers).
    /// </summary>
    private static readonly TimeSpan AnnounceSettle = TimeSpan.FromMilliseconds(150);
    /// <summary>How long a driver that has heard of no worker yet waits for answers to its hello before dispatching anyway.</summary>
    private static readonly TimeSpan HelloWait = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<Guid, IClusterJob> _jobs = new();
    private readonly MessageAuth _auth;
    private readonly long _connectedAt = Stopwatch.GetTimestamp();
    private readonly CancellationTokenSource _stop = new();
    private IBusControl _bus = null!;
    private ISendEndpoint? _taskQueue;
    private Task _leases = Task.CompletedTask;
    private Task<int?> _consumers = Task.FromResult<int?>(null);
    private long _taskMessages, _taskMessageBytes, _tasks, _resultMessages, _duplicates, _dropped, _inlineInputs, _inlineInputBytes;
    private long _lastDropLog;

    private ClusterExecutor(ClusterAddress address, ClusterOptions options)
    {
        Address = address;
        Options = options;
        _auth = new MessageAuth(options.ClusterKey);
        Workers = new WorkerTracker(Log);
        Workers.Gone += instance =>
        {
            foreach (var job in _jobs.Values) job.OnWorkerGone(instance);
        };
        ReplyQueue = $"{address.Cluster}.driver.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}";
    }

    public ClusterAddress Address { get; }
    internal ClusterOptions Options { get; }
    internal WorkerTracker Workers { get; }
    internal BlobServer Blobs { get; } = new();
    internal Guid DriverId { get; } = Guid.NewGuid();
    internal string ReplyQueue { get; }
    internal bool BrokerHealthy => _bus.CheckHealth().Status == BusHealthStatus.Healthy;

    public int Slots => Workers.Snapshot().Slots;

    public ClusterStatistics Statistics => new(
        new Dictionary<string, long>(Blobs.BytesServedByWorker), Interlocked.Read(ref _taskMessages), Interlocked.Read(ref _taskMessageBytes),
        Interlocked.Read(ref _tasks), Interlocked.Read(ref _resultMessages), Interlocked.Read(ref _duplicates), Interlocked.Read(ref _dropped),
        Interlocked.Read(ref _inlineInputs), Interlocked.Read(ref _inlineInputBytes));

    /// <summary>Connects to the broker; throws <see cref="ClusterException"/> (naming host:port, never the password) when it cannot.</summary>
    public static async Task<ClusterExecutor> ConnectAsync(string amqpUri, ClusterOptions? options = null, CancellationToken ct = default)
    {
        var address = ClusterAddress.Parse(amqpUri);
        var executor = new ClusterExecutor(address, options ?? new ClusterOptions());
        await executor.StartAsync(ct);
        return executor;
    }

    public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<IBlob>? inputs = null, JobOptions? options = null)
        where TTask : notnull where TResult : notnull
    {
        ArgumentNullException.ThrowIfNull(kind);
        var job = new ClusterJob<TTask, TResult>(this, kind, inputs ?? [], options ?? new JobOptions());
        _jobs[job.Id] = job;
        return job;
    }

    private async Task StartAsync(CancellationToken ct)
    {
        // The probe and the census run on other threads while this one builds the bus (all three are mostly CPU the
        // first time: compiling the transport's code), so a command reaches its first task sooner.
        var probe = Task.Run(() => BrokerConnection.ProbeAsync(Address, Options.ConnectTimeout, ct), ct);
        _consumers = Task.Run(() => BrokerConnection.TaskQueueConsumersAsync(Address, _stop.Token));
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            BrokerConnection.ConfigureHost(cfg, Address, "scalearn-driver");
            cfg.ReceiveEndpoint(ReplyQueue, e =>
            {
                e.ConfigureConsumeTopology = false;
                // Durable with a short expiry (not auto-delete): results survive a broker restart, and the queue of a
                // driver that died disappears by itself within seconds.
                e.Durable = true;
                e.AutoDelete = false;
                e.SetQueueArgument("x-expires", (int)BrokerConnection.ReplyQueueExpiry.TotalMilliseconds);
                e.PrefetchCount = 64;
                e.ConcurrentMessageLimit = 8;
                e.Bind(Address.HeartbeatExchange, x => x.ExchangeType = ExchangeType.Fanout);
                e.Handler<ResultMessage>(ctx =>
                {
                    OnResults(ctx.Message);
                    return Task.CompletedTask;
                });
                e.Handler<HeartbeatMessage>(ctx =>
                {
                    OnHeartbeat(ctx.Message);
                    return Task.CompletedTask;
                });
                e.Handler<BlobRequestMessage>(ctx => ctx.RespondAsync(Serve(ctx.Message)));
            });
        });
        await probe;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Options.ConnectTimeout);
        try
        {
            await _bus.StartAsync(cts.Token);
            _taskQueue = await _bus.GetSendEndpoint(BrokerConnection.QueueUri(Address.TaskQueue));
            await SendControlAsync(Control.Hello(DriverId));
        }
        catch (Exception e) when (e is not ClusterException && !ct.IsCancellationRequested)
        {
            await StopBusQuietlyAsync();
            string reason = e is OperationCanceledException
                ? $"no connection within {Options.ConnectTimeout.TotalSeconds:0} s (check user, password and vhost '{Address.VirtualHost}')"
                : ClusterAddress.Mask(e.GetBaseException().Message);
            throw new ClusterException($"Cannot connect to RabbitMQ at {Address.Endpoint}: {reason}");
        }
        _leases = Task.Run(RenewLeasesAsync);
        await AnswersToHelloAsync(ct);
    }

    /// <summary>
    /// Waits until the workers consuming the task queue answered the hello, so that <see cref="Slots"/> counts the whole
    /// cluster once connected (a job or a search sized by it is sized for all of it): at most <see cref="AnnounceSettle"/>
    /// after the first answer, or <see cref="HelloWait"/> when none comes. Returns at once when no worker consumes.
    /// </summary>
    private async Task AnswersToHelloAsync(CancellationToken ct)
    {
        var hello = Stopwatch.StartNew();
        try
        {
            if (await _consumers.WaitAsync(HelloWait, ct) is not > 0) return;
        }
        catch (TimeoutException)
        {
            return;
        }
        while (Workers.FirstSeen == 0 && hello.Elapsed < HelloWait) await Task.Delay(5, ct);
        if (Workers.FirstSeen != 0) await SettleAsync(Workers.FirstSeen, ct);
    }

    /// <summary>Waits, at most <see cref="AnnounceSettle"/> after the first answer, until every worker of the census answered.</summary>
    private async Task SettleAsync(long firstSeen, CancellationToken ct)
    {
        while (Stopwatch.GetElapsedTime(firstSeen) < AnnounceSettle && !AllAnnounced()) await Task.Delay(5, ct);
    }

    private async Task RenewLeasesAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeaseInterval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (!Options.SuspendLease) await SendControlAsync(Control.Lease(DriverId, [.. _jobs.Keys], Options.Lease));
            Workers.Snapshot();   // notices workers that went silent even while no job polls
        }
    }

    /// <summary>
    /// True once some worker is live and the others had a moment to answer this driver's hello (so that messages are sized
    /// for the whole cluster); false while none is known.
    /// </summary>
    internal async Task<bool> WaitForWorkersAsync(CancellationToken ct)
    {
        long first = Workers.FirstSeen;
        if (Workers.Snapshot().Workers == 0)
        {
            if (first == 0 && Stopwatch.GetElapsedTime(_connectedAt) < HelloWait) await Task.Delay(50, ct);
            return Workers.Snapshot().Workers > 0;
        }
        await SettleAsync(first, ct);
        return true;
    }

    /// <summary>Whether every worker consuming the task queue when this driver connected has been heard from.</summary>
    private bool AllAnnounced() =>
        _consumers.IsCompletedSuccessfully && _consumers.Result is > 0 and var expected && Workers.Snapshot().Workers >= expected;

    internal (Guid Instance, string Queue)? Holder(string id) => Workers.Holder(id, worker => Holds(worker, id));

    internal List<(Guid Instance, string Queue, int Slots)> Holders(string id) => Workers.Holders(id, worker => Holds(worker, id));

    /// <summary>Whether live worker <paramref name="instance"/> holds input <paramref name="id"/> (as <see cref="Holder"/> judges).</summary>
    internal bool Holds(Guid instance, string id) => Workers.Holds(instance, id, worker => Holds(worker, id));

    private bool Holds(string worker, string id) => Blobs.Fetched(worker, id) || _ranWith.TryGetValue(id, out var ran) && ran == worker;

    /// <summary>A task preferring <paramref name="id"/> ran on <paramref name="worker"/>: it holds what the task left there.</summary>
    internal void RanWith(string id, string worker) => _ranWith[id] = worker;

    private readonly ConcurrentDictionary<string, string> _ranWith = new(StringComparer.Ordinal);

    internal async Task SendTasksAsync(string? workerQueue, TaskEnvelope envelope, int count, CancellationToken ct)
    {
        var body = envelope.Encode();
        var message = _auth.Seal(body, (b, mac) => new TaskMessage { Body = b, Mac = mac });
        var endpoint = workerQueue is null ? _taskQueue! : await _bus.GetSendEndpoint(BrokerConnection.TemporaryExchangeUri(workerQueue));
        int copies = Options.SendEveryMessageTwice ? 2 : 1;
        for (int i = 0; i < copies; i++) await endpoint.Send(message, ct);
        Interlocked.Increment(ref _taskMessages);
        Interlocked.Add(ref _taskMessageBytes, body.Length);
        if (envelope.Inline is { Count: > 0 } inline)
        {
            Interlocked.Add(ref _inlineInputs, inline.Count);
            Interlocked.Add(ref _inlineInputBytes, inline.Sum(i => (long)i.Bytes.Length));
        }
        Interlocked.Add(ref _tasks, count);
    }

    internal async Task SendControlAsync(Control control)
    {
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            cts.CancelAfter(TimeSpan.FromSeconds(5));
            var endpoint = await _bus.GetSendEndpoint(BrokerConnection.FanoutUri(Address.ControlExchange));
            var message = _auth.Seal(control.Encode(), (b, mac) => new ControlMessage { Body = b, Mac = mac });
            await endpoint.Send(message, ctx =>
            {
                ctx.Durable = false;
                ctx.TimeToLive = TimeSpan.FromSeconds(30);
            }, cts.Token);
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            Log($"could not send a {control.Type} message to the workers: " + ClusterAddress.Mask(e.GetBaseException().Message));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void OnResults(ResultMessage message)
    {
        Interlocked.Increment(ref _resultMessages);
        if (!_auth.Verify(message))
        {
            Dropped("a result message without a valid signature");
            return;
        }
        ResultEnvelope results;
        try
        {
            results = ResultEnvelope.Decode(message.Body);
        }
        catch (InvalidDataException e)
        {
            Dropped("a malformed result message: " + e.Message);
            return;
        }
        if (_jobs.TryGetValue(results.Job, out var job)) job.OnResults(results);
        else Interlocked.Add(ref _duplicates, results.Results.Count);   // a finished, cancelled or foreign job
    }

    private void OnHeartbeat(HeartbeatMessage message)
    {
        if (!_auth.Verify(message))
        {
            Dropped("a heartbeat without a valid signature");
            return;
        }
        try
        {
            var beat = Heartbeat.Decode(message.Body);
            if (!WireLimits.Fresh(beat.SentAt))
            {
                Dropped($"a stale heartbeat from {beat.Worker}");
                return;
            }
            Workers.OnHeartbeat(beat);
        }
        catch (InvalidDataException e)
        {
            Dropped("a malformed heartbeat: " + e.Message);
        }
    }

    private BlobChunkMessage Serve(BlobRequestMessage message)
    {
        BlobChunk chunk;
        if (!_auth.Verify(message))
        {
            Dropped("a data request without a valid signature");
            chunk = new BlobChunk(new string('0', WireLimits.HashChars), "", 0, 0, [], "The request was not signed with the cluster key.");
        }
        else
        {
            try
            {
                chunk = Blobs.Serve(BlobRequest.Decode(message.Body));
            }
            catch (InvalidDataException e)
            {
                Dropped("a malformed data request: " + e.Message);
                chunk = new BlobChunk(new string('0', WireLimits.HashChars), "", 0, 0, [], "Malformed request: " + e.Message);
            }
        }
        return _auth.Seal(chunk.Encode(), (b, mac) => new BlobChunkMessage { Body = b, Mac = mac });
    }

    internal void Remove(IClusterJob job)
    {
        _jobs.TryRemove(job.Id, out _);
        Blobs.Release(job.Id);
        Interlocked.Add(ref _duplicates, job.Duplicates);
    }

    /// <summary>Counts a dropped message and says why (at most a line a second, so a flood cannot flood the log).</summary>
    internal void Dropped(string what)
    {
        Interlocked.Increment(ref _dropped);
        long now = Stopwatch.GetTimestamp();
        long last = Interlocked.Read(ref _lastDropLog);
        if (Stopwatch.GetElapsedTime(last, now) >= TimeSpan.FromSeconds(1) && Interlocked.CompareExchange(ref _lastDropLog, now, last) == last)
            Log("dropped " + what);
    }

    internal void Log(string message) => Options.Log?.Invoke($"[cluster {Address.Cluster}@{Address.Endpoint}] {message}");

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
        if (_bus is null) return;
        foreach (var job in _jobs.Values)
            if (job is IAsyncDisposable disposable) await disposable.DisposeAsync();
        _stop.Cancel();
        await _leases;
        await StopBusQuietlyAsync();
    }
}
