using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Scalearn.Cluster.Messages;
using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// The worker's MassTransit bus as a hosted service: consumes task messages from the cluster queue (prefetch =
/// concurrency, so unstarted work stays in the queue for other workers), listens for batch cancellations and sends a
/// heartbeat every second. Stopping lets in-flight messages finish; a killed worker's unacked messages are redelivered.
/// </summary>
internal sealed class WorkerService(WorkerOptions options, Func<FitTask, Dataset, Folds, FitResult> runTask, ILogger<WorkerService> logger) : BackgroundService
{
    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);

    private readonly ClusterAddress _address = ClusterAddress.Parse(options.Broker);
    private readonly CancelledBatches _cancelled = new();
    private IBusControl? _bus;
    private volatile bool _started;
    private TaskBatchHandler? _handler;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bus = CreateBus();
        _bus = bus;
        await StartBusAsync(bus, stoppingToken);
        logger.LogInformation("Worker {Name} serving cluster '{Cluster}' at {Endpoint} with {Slots} slots",
            options.EffectiveName, _address.Cluster, _address.Endpoint, options.EffectiveConcurrency);
        var heartbeat = await bus.GetSendEndpoint(BrokerConnection.FanoutUri(_address.HeartbeatExchange));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await heartbeat.Send(new WorkerHeartbeat
                {
                    Worker = options.EffectiveName,
                    Concurrency = options.EffectiveConcurrency,
                    InFlight = _handler?.InFlight ?? 0,
                    Busy = _handler?.Busy ?? 0,
                }, ctx =>
                {
                    ctx.Durable = false;
                    ctx.TimeToLive = TimeSpan.FromSeconds(5);
                }, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Heartbeat failed: {Reason}", ClusterAddress.Mask(e.GetBaseException().Message));
            }
            try
            {
                await Task.Delay(HeartbeatInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private IBusControl CreateBus()
    {
        int slots = options.EffectiveConcurrency;
        var cache = new BlobCache(options.CacheBytes);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            BrokerConnection.ConfigureHost(cfg, _address, "scalearn-worker-" + options.EffectiveName);
            cfg.ReceiveEndpoint(_address.TaskQueue, e =>
            {
                e.ConfigureConsumeTopology = false;
                e.PrefetchCount = slots;
                e.ConcurrentMessageLimit = slots;
                // Only transport trouble (a send failing while the broker connection recovers) reaches the retry;
                // fits never throw (TaskRunner turns failures into error results) and bad data is answered, not retried.
                e.UseMessageRetry(r =>
                {
                    r.Interval(5, TimeSpan.FromSeconds(2));
                    r.Ignore<InvalidDataException>();
                });
                e.Handler<TaskBatchMessage>(ctx => _handler!.HandleAsync(ctx));
            });
            cfg.ReceiveEndpoint($"{_address.Cluster}.worker.{Guid.NewGuid():N}", e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Durable = false;
                e.AutoDelete = true;
                e.Bind(_address.ControlExchange, x => x.ExchangeType = ExchangeType.Fanout);
                e.Handler<CancelBatch>(ctx =>
                {
                    _cancelled.Add(ctx.Message.BatchId);
                    logger.LogDebug("Batch {Batch} cancelled by its driver", ctx.Message.BatchId.ToString("N")[..8]);
                    return Task.CompletedTask;
                });
            });
        });
        _handler = new TaskBatchHandler(bus, cache, _cancelled, runTask, options.EffectiveName, logger);
        return bus;
    }

    /// <summary>Keeps trying while the broker is unreachable (a worker may start before it), saying so once per attempt.</summary>
    private async Task StartBusAsync(IBusControl bus, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await BrokerConnection.ProbeAsync(_address, TimeSpan.FromSeconds(10), stoppingToken);
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                cts.CancelAfter(TimeSpan.FromSeconds(30));
                await bus.StartAsync(cts.Token);
                _started = true;
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                string reason = e switch
                {
                    ClusterException => e.Message,
                    OperationCanceledException => $"Cannot connect to RabbitMQ at {_address.Endpoint}: no connection within 30 s (check user, password and vhost)",
                    _ => $"Cannot connect to RabbitMQ at {_address.Endpoint}: " + ClusterAddress.Mask(e.GetBaseException().Message),
                };
                logger.LogWarning("{Reason}; retrying in 5 s", reason);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_bus is null || !_started) return;
        logger.LogInformation("Worker {Name} stopping: finishing in-flight tasks", options.EffectiveName);
        try
        {
            await _bus.StopAsync(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning("Stopping the bus: {Reason}", ClusterAddress.Mask(e.GetBaseException().Message));
        }
    }
}
