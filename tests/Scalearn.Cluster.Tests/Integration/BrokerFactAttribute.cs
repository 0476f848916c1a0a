namespace Scalearn.Cluster.Tests.Integration;

/// <summary>A test that needs a RabbitMQ broker: skipped, with the reason shown, when SCALEARN_TEST_BROKER is unset.</summary>
public sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute()
    {
        if (string.IsNullOrEmpty(Broker.Uri))
            Skip = "SCALEARN_TEST_BROKER is not set: run the cluster tests through scripts/with-rabbitmq.sh (see README).";
    }
}

internal static class Broker
{
    public static string? Uri => Environment.GetEnvironmentVariable("SCALEARN_TEST_BROKER");

    /// <summary>The test broker with a cluster name of its own, so tests never share queues.</summary>
    public static string ForCluster(string name)
    {
        var uri = Uri!;
        return uri + (uri.Contains('?') ? "&" : "?") + "cluster=" + name + "-" + Guid.NewGuid().ToString("N")[..8];
    }
}
