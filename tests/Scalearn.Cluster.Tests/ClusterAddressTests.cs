namespace Scalearn.Cluster.Tests;

public sealed class ClusterAddressTests
{
    [Fact]
    public void ParsesUserHostPortVhostAndCluster()
    {
        var a = ClusterAddress.Parse("amqp://alice:s%40cret@broker.example:5673/prod?cluster=team1");
        Assert.Equal(("alice", "s@cret", "broker.example", 5673, "prod", "team1"), (a.User, a.Password, a.Host, a.Port, a.VirtualHost, a.Cluster));
        Assert.Equal("team1.tasks", a.TaskQueue);
        Assert.DoesNotContain("cret", a.ToString());
    }

    [Fact]
    public void DefaultsMatchRabbitMq()
    {
        var a = ClusterAddress.Parse("amqp://localhost");
        Assert.Equal(("guest", 5672, "/", ClusterAddress.DefaultCluster), (a.User, a.Port, a.VirtualHost, a.Cluster));
    }

    [Theory]
    [InlineData("http://host/")]
    [InlineData("not a uri")]
    [InlineData("amqp://host/?cluster=bad name")]
    public void BadAddressesNameTheProblemWithoutThePassword(string uri)
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterAddress.Parse(uri.Replace("host", "u:topsecret@host")));
        Assert.DoesNotContain("topsecret", e.Message);
    }

    [Fact]
    public void MaskHidesPasswordsInAnyText()
    {
        Assert.Equal("failed for amqp://bob:***@h:1/v and rabbitmq://x:***@y", ClusterAddress.Mask("failed for amqp://bob:pw@h:1/v and rabbitmq://x:p2@y"));
    }
}
