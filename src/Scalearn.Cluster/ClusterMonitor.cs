using MassTransit;
using RabbitMQ.Client;
using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Wire;

namespace Scalearn.Cluster;

/// <summary>
/// A read-only view of a cluster's workers, from the heartbeats every worker sends each second: it listens on a queue of
/// its own bound to the heartbeat exchange and never sends anything, so watching a cluster cannot disturb it. With a
/// cluster key, heartbeats without a valid signature are dropped, as drivers drop them. A worker silent for longer than a
/// driver tolerates is shown as gone, and forgotten after <see cref="ForgetAfter"/>.
/// </summary>
public sealed class ClusterMonitor : IAsyncDisposable
{
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private readonly Dictionary<Guid, (Heartbeat Beat, DateTimeOffset SeenAt)> _workers = new();
    private readonly MessageAuth _auth;
    private IBusControl? _bus;
    private long _dropped;

    private ClusterMonitor(ClusterAddress address, string? clusterKey)
    {
        Address = address;
        _auth = new MessageAuth(clusterKey);
    }

    public ClusterAddress Address { get; }

    /// <summary>Heartbeats dropped: unsigned or wrongly signed (with a cluster key), malformed, or stale.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Raised on every heartbeat accepted (from a broker thread).</summary>
    public event Action? Changed;

    /// <summary>Connects to the broker; throws <see cref="ClusterException"/> (naming host:port, never the password) when it cannot.</summary>
    public static async Task<ClusterMonitor> ConnectAsync(string amqpUri, string? clusterKey = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var monitor = new ClusterMonitor(ClusterAddress.Parse(amqpUri), clusterKey);
        await monitor.StartAsync(timeout ?? TimeSpan.FromSeconds(10), ct);
        return monitor;
    }

    /// <summary>Every worker heard from in the last <see cref="ForgetAfter"/>, by name.</summary>
    public IReadOnlyList<WorkerStatus> Workers()
    {
        var now = DateTimeOffset.UtcNow;
        lock (_workers)
        {
            foreach (var gone in _workers.Where(w => now - w.Value.SeenAt > ForgetAfter).Select(w => w.Key).ToList()) _workers.Remove(gone);
            return _workers.Select(w => new WorkerStatus(w.Value.Beat.Worker, w.Key, w.Value.Beat.Slots, w.Value.Beat.Running, w.Value.Beat.Busy,
                    w.Value.Beat.Resident.Count, w.Value.SeenAt, now - w.Value.SeenAt <= Driver.WorkerTracker.LiveWindow))
                .OrderBy(w => w.Name, StringComparer.Ordinal).ThenBy(w => w.Instance).ToArray();
        }
    }

    private async Task StartAsync(TimeSpan timeout, CancellationToken ct)
    {
        await BrokerConnection.ProbeAsync(Address, timeout, ct);
        var queue = $"{Address.Cluster}.monitor.{Environment.MachineName}.{Environment.ProcessId}.{Guid.NewGuid():N}";
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            BrokerConnection.ConfigureHost(cfg, Address, "scalearn-monitor");
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.ConfigureConsumeTopology = false;
                e.Durable = false;
                e.AutoDelete = true;
                e.SetQueueArgument("x-expires", (int)BrokerConnection.ReplyQueueExpiry.TotalMilliseconds);
                e.PrefetchCount = 16;
                e.Bind(Address.HeartbeatExchange, x => x.ExchangeType = ExchangeType.Fanout);
                e.Handler<HeartbeatMessage>(ctx =>
                {
                    OnHeartbeat(ctx.Message);
                    return Task.CompletedTask;
                });
            });
        });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await bus.StartAsync(cts.Token);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            try { await bus.StopAsync(CancellationToken.None); } catch (Exception) { }
            string reason = e is OperationCanceledException
                ? $"no connection within {timeout.TotalSeconds:0} s (check user, password and vhost '{Address.VirtualHost}')"
                : ClusterAddress.Mask(e.GetBaseException().Message);
            throw new ClusterException($"Cannot connect to RabbitMQ at {Address.Endpoint}: {reason}");
        }
        _bus = bus;
    }

    private void OnHeartbeat(HeartbeatMessage message)
    {
        if (!_auth.Verify(message))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        Heartbeat beat;
        try
        {
            beat = Heartbeat.Decode(message.Body);
        }
        catch (InvalidDataException)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        if (!WireLimits.Fresh(beat.SentAt))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        lock (_workers) _workers[beat.Instance] = (beat, DateTimeOffset.UtcNow);
        Changed?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is null) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await _bus.StopAsync(cts.Token); } catch (Exception) { }
        _bus = null;
    }
}

/// <summary>A worker as its last heartbeat showed it: slots, tasks running, task messages in hand, inputs held, and when it was heard.</summary>
public sealed record WorkerStatus(string Name, Guid Instance, int Slots, int Running, int Busy, int ResidentInputs, DateTimeOffset LastHeartbeat, bool Live);
