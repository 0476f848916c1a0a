using Scalearn.Cluster.Messages;
using Scalearn.Cluster.Worker;

namespace Scalearn.Cluster.Tests;

public sealed class TaskMessageValidationTests
{
    private static readonly string Hash = new('a', 64);

    private static TaskBatchMessage Valid() => new()
    {
        BatchId = Guid.NewGuid(), DatasetHash = Hash, FoldsHash = Hash, ReplyTo = "scalearn.driver.host.1.abc", Tasks = ["{}"],
    };

    [Fact]
    public void WellFormedEnvelopeIsAccepted() => Assert.Null(TaskBatchHandler.Invalid(Valid()));

    [Fact]
    public void HostileEnvelopesAreRejected()
    {
        Assert.Contains("batch id", TaskBatchHandler.Invalid(Valid() with { BatchId = Guid.Empty }));
        Assert.Contains("hashes", TaskBatchHandler.Invalid(Valid() with { DatasetHash = "../../etc/passwd" }));
        Assert.Contains("hashes", TaskBatchHandler.Invalid(Valid() with { FoldsHash = Hash.ToUpperInvariant() }));
        Assert.Contains("reply queue", TaskBatchHandler.Invalid(Valid() with { ReplyTo = "rabbitmq://elsewhere/queue" }));
        Assert.Contains("1-10000 tasks", TaskBatchHandler.Invalid(Valid() with { Tasks = new string[10_001] }));
        Assert.Contains("1-10000 tasks", TaskBatchHandler.Invalid(Valid() with { Tasks = [] }));
        Assert.Contains("longer than", TaskBatchHandler.Invalid(Valid() with { Tasks = [new string('x', (1 << 20) + 1)] }));
        Assert.Contains("missing", TaskBatchHandler.Invalid(Valid() with { Tasks = [null!] }));
    }
}
