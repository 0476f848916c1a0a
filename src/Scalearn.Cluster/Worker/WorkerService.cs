using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;
using Scalearn.Execution;
using Scalearn.Execution.Slots;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// The worker's connection to the cluster as a hosted service. It consumes task messages from the cluster's queue
/// (prefetch = slots, so unstarted work stays available to other workers) and from its own queue (tasks placed on it),
/// listens to drivers' control messages, and heartbeats every second, but only while its consumers really run: a
/// broker that refuses the connection, or a connection that is up while the consumers are not, means no heartbeat and
/// a reconnection with backoff. Stopping (SIGTERM) lets in-flight task messages finish; a killed worker's unacked
/// messages are redelivered by the broker.
/// </summary>
internal sealed class WorkerService(WorkerOptions options, ILogger<WorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ClusterAddress _address = ClusterAddress.Parse(options.Broker);
    private readonly MessageAuth _auth = new(options.ClusterKey);
    private readonly Guid _instance = Guid.NewGuid();
    private readonly SlotPool _pool = new(options.EffectiveConcurrency, options.Limits, "worker");
    private readonly ResidentCache _cache = new(options.CacheBytes);
    private readonly DriverLeases _leases = new(TimeSpan.FromSeconds(10));
    private readonly SemaphoreSlim _beatNow = new(0);
    private IBusControl? _bus;
    private TaskHandler? _handler;
    private bool _servedBefore;

    private string OwnQueue => $"{_address.Cluster}.worker.{_instance:N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Warmup) _ = Task.Run(() => WorkerWarmup.Run(logger, () => _handler?.Received == true), CancellationToken.None);
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var bus = CreateBus();
            _bus = bus;
            string? problem = await ConnectAsync(bus, stoppingToken);
            if (problem is null)
            {
                backoff = TimeSpan.FromSeconds(1);
                logger.LogInformation(_servedBefore ? "Worker {Name} serving cluster '{Cluster}' at {Endpoint} again with {Slots} slots"
                    : "Worker {Name} serving cluster '{Cluster}' at {Endpoint} with {Slots} slots",
                    options.EffectiveName, _address.Cluster, _address.Endpoint, options.EffectiveConcurrency);
                _servedBefore = true;
                problem = await ServeAsync(bus, stoppingToken);
                if (problem is null) return;   // stopping: StopAsync lets in-flight tasks finish
            }
            if (stoppingToken.IsCancellationRequested) return;
            logger.LogWarning("{Problem}; reconnecting in {Seconds:0} s", problem, backoff.TotalSeconds);
            _bus = null;
            await StopQuietlyAsync(bus);
            try
            {
                await Task.Delay(backoff, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
        }
    }

    /// <summary>Starts the bus and waits until every consumer runs; returns why it could not, or null.</summary>
    private async Task<string?> ConnectAsync(IBusControl bus, CancellationToken stoppingToken)
    {
        try
        {
            await BrokerConnection.ProbeAsync(_address, TimeSpan.FromSeconds(10), stoppingToken);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            cts.CancelAfter(HealthyWithin);
            await bus.StartAsync(cts.Token);
            while (bus.CheckHealth() is { Status: not BusHealthStatus.Healthy } health)
            {
                if (cts.IsCancellationRequested) return $"Connected to RabbitMQ at {_address.Endpoint} but not consuming tasks: {Describe(health)}";
                await Task.Delay(100, stoppingToken);
            }
            return null;
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            return e switch
            {
                ClusterException => e.Message,
                OperationCanceledException => $"Cannot connect to RabbitMQ at {_address.Endpoint}: no connection within {HealthyWithin.TotalSeconds:0} s (check user, password and vhost)",
                _ => $"Cannot connect to RabbitMQ at {_address.Endpoint}: " + ClusterAddress.Mask(e.GetBaseException().Message),
            };
        }
    }

    /// <summary>Heartbeats while healthy and sweeps expired leases; returns why serving stopped, or null when stopping.</summary>
    private async Task<string?> ServeAsync(IBusControl bus, CancellationToken stoppingToken)
    {
        var heartbeat = await bus.GetSendEndpoint(BrokerConnection.FanoutUri(_address.HeartbeatExchange));
        DateTime? unhealthySince = null;
        _leases.Extend();
        while (!stoppingToken.IsCancellationRequested)
        {
            var health = bus.CheckHealth();
            if (health.Status == BusHealthStatus.Healthy)
            {
                if (unhealthySince is not null)
                {
                    logger.LogInformation("Connection to RabbitMQ is back");
                    _leases.Extend();
                }
                unhealthySince = null;
                int expired = _leases.Sweep();
                if (expired > 0) logger.LogInformation("Dropped {Count} jobs whose driver stopped renewing its lease or went silent", expired);
                await SendHeartbeatAsync(heartbeat, stoppingToken);
            }
            else
            {
                unhealthySince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - unhealthySince > HealthyWithin) return $"Not consuming tasks for {HealthyWithin.TotalSeconds:0} s: {Describe(health)}";
            }
            try
            {
                await _beatNow.WaitAsync(HeartbeatInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return null;
    }

    private async Task SendHeartbeatAsync(ISendEndpoint heartbeat, CancellationToken ct)
    {
        try
        {
            var beat = new Heartbeat(options.EffectiveName, _instance, OwnQueue, options.EffectiveConcurrency, _pool.Running,
                _handler?.Busy ?? 0, WireLimits.Now, _cache.PlacementIds.Where(WireLimits.IsContentHash).ToArray());
            await heartbeat.Send(_auth.Seal(beat.Encode(), (b, mac) => new HeartbeatMessage { Body = b, Mac = mac }), ctx =>
            {
                ctx.Durable = false;
                ctx.TimeToLive = TimeSpan.FromSeconds(5);
            }, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Heartbeat failed: {Reason}", ClusterAddress.Mask(e.GetBaseException().Message));
        }
    }

    private IBusControl CreateBus()
    {
        int slots = options.EffectiveConcurrency;
        IBusControl bus = null!;
        bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            BrokerConnection.ConfigureHost(cfg, _address, "scalearn-worker-" + options.EffectiveName);
            void Tasks(IRabbitMqReceiveEndpointConfigurator e)
            {
                e.ConfigureConsumeTopology = false;
                // One message more than the slots: it decodes and fetches its inputs while the slots run, and its first
                // task takes the slot the moment one frees, instead of after the finished message's results are confirmed
                // and acknowledged and the broker has sent the next (round trips that cost a 2-worker predict of
                // 10,000-row tasks a tenth of its time). The slot pool still runs at most `slots` tasks at once.
                e.PrefetchCount = slots + 1;
                e.ConcurrentMessageLimit = slots + 1;
                // Only transport trouble (a send failing while the broker connection recovers) reaches the retry;
                // tasks never throw here (failures become outcomes) and bad messages are dropped, not retried.
                e.UseMessageRetry(r =>
                {
                    r.Interval(5, TimeSpan.FromSeconds(2));
                    r.Ignore<InvalidDataException>();
                });
                e.Handler<TaskMessage>(ctx => _handler!.HandleAsync(ctx));
            }
            cfg.ReceiveEndpoint(_address.TaskQueue, Tasks);
            cfg.ReceiveEndpoint(OwnQueue, e =>
            {
                e.Durable = false;
                e.AutoDelete = true;
                Tasks(e);
            });
            cfg.ReceiveEndpoint(OwnQueue + ".control", e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Durable = false;
                e.AutoDelete = true;
                e.Bind(_address.ControlExchange, x => x.ExchangeType = ExchangeType.Fanout);
                e.Handler<ControlMessage>(ctx =>
                {
                    OnControl(ctx.Message);
                    return Task.CompletedTask;
                });
            });
        });
        var inputs = new InputFetcher(bus, _cache, _auth, _leases, options.EffectiveName, logger);
        _handler = new TaskHandler(_pool, inputs, _leases, _auth, _cache, options.EffectiveName, logger);
        return bus;
    }

    private void OnControl(ControlMessage message)
    {
        Control control;
        try
        {
            if (!_auth.Verify(message)) throw new InvalidDataException("it is not signed with the cluster key");
            control = Control.Decode(message.Body);
            if (!WireLimits.Fresh(control.SentAt)) throw new InvalidDataException("it is stale (a replay, or a skewed clock)");
        }
        catch (InvalidDataException e)
        {
            logger.LogDebug("Dropped a control message: {Reason}", e.Message);
            return;
        }
        if (control.Type == ControlType.Hello) _beatNow.Release();
        else _leases.OnControl(control);
    }

    private static string Describe(BusHealthResult health) =>
        ClusterAddress.Mask(health.Exception?.GetBaseException().Message ?? health.Description);

    private async Task StopQuietlyAsync(IBusControl bus)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await bus.StopAsync(cts.Token);
        }
        catch (Exception e)
        {
            logger.LogDebug("Stopping the bus: {Reason}", ClusterAddress.Mask(e.GetBaseException().Message));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_bus is not { } bus) return;
        logger.LogInformation("Worker {Name} stopping: finishing in-flight tasks", options.EffectiveName);
        try
        {
            await bus.StopAsync(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning("Stopping the bus: {Reason}", ClusterAddress.Mask(e.GetBaseException().Message));
        }
    }
}
