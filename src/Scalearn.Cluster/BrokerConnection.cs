using System.Net.Sockets;
using MassTransit;
using RabbitMQ.Client;

namespace Scalearn.Cluster;

/// <summary>What driver and worker share about talking to RabbitMQ through MassTransit.</summary>
internal static class BrokerConnection
{
    /// <summary>A driver's reply queue outlives a broker restart but goes away this soon after its driver died.</summary>
    public static readonly TimeSpan ReplyQueueExpiry = TimeSpan.FromSeconds(20);

    public static Uri QueueUri(string queue) => new("queue:" + queue);

    /// <summary>
    /// Address of a receive endpoint through its same-named exchange. Sending there declares only the exchange, so the
    /// sender never re-declares the queue with different arguments than its owner (the driver's queue has x-expires).
    /// </summary>
    public static Uri EndpointExchangeUri(string queue) => new("exchange:" + queue);

    /// <summary>A worker's own (temporary) queue through its exchange, declared as the worker declared it.</summary>
    public static Uri TemporaryExchangeUri(string queue) => new("exchange:" + queue + "?durable=false&autodelete=true");

    public static Uri FanoutUri(string exchange) => new($"exchange:{exchange}?type=fanout");

    public static void ConfigureHost(IRabbitMqBusFactoryConfigurator cfg, ClusterAddress address, string connectionName)
    {
        cfg.Host(address.Host, (ushort)address.Port, address.VirtualHost, connectionName, h =>
        {
            h.Username(address.User);
            h.Password(address.Password);
            h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
            h.Heartbeat(TimeSpan.FromSeconds(10));
            if (address.UseTls) h.UseSsl(s => s.ServerName = address.Host);
        });
    }

    /// <summary>Fails fast with one clear line when nothing listens at host:port (MassTransit alone would retry forever).</summary>
    public static async Task ProbeAsync(ClusterAddress address, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address.Host, address.Port, cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ClusterException($"Cannot reach RabbitMQ at {address.Endpoint}: no answer within {timeout.TotalSeconds:0} s.");
        }
        catch (SocketException e)
        {
            throw new ClusterException($"Cannot reach RabbitMQ at {address.Endpoint}: {e.Message}");
        }
    }

    /// <summary>
    /// How many consumers the cluster's task queue has: one per connected worker. Null when the broker does not say (no
    /// worker ever declared the queue, or the query failed): the caller then waits as it would without it.
    /// </summary>
    public static async Task<int?> TaskQueueConsumersAsync(ClusterAddress address, CancellationToken ct)
    {
        try
        {
            var factory = new ConnectionFactory
            {
                HostName = address.Host, Port = address.Port, VirtualHost = address.VirtualHost, UserName = address.User, Password = address.Password,
                RequestedConnectionTimeout = TimeSpan.FromSeconds(5), AutomaticRecoveryEnabled = false, ClientProvidedName = "scalearn-driver-census",
            };
            if (address.UseTls) factory.Ssl = new SslOption(address.Host) { Enabled = true };
            await using var connection = await factory.CreateConnectionAsync(ct);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
            var queue = await channel.QueueDeclarePassiveAsync(address.TaskQueue, ct);
            return (int)queue.ConsumerCount;
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
