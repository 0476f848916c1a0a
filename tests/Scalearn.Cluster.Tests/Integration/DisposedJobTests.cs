using Scalearn.Cluster.Driver;
using Scalearn.Execution.Blobs;
using Scalearn.TestPlugin;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>A job used after it was disposed (a cancelled search's loop can still be proposing when the cancellation stops its job).</summary>
public sealed class DisposedJobTests
{
    [BrokerFact(Timeout = 30_000)]
    public async Task AnInputSharedWithADisposedJobIsRefusedAndNotKept()
    {
        ProbeJobs.Register();
        await using var executor = await ClusterExecutor.ConnectAsync(Broker.ForCluster("disposed"));
        var job = (ClusterJob<ProbeTask, ProbeResult>)executor.Start(ProbeJobs.Kind);
        await job.DisposeAsync();
        var blob = new BytesBlob([1, 2, 3]);
        Assert.Throws<ObjectDisposedException>(() => job.Share(blob));
        // The executor released the job's inputs when it was disposed; one shared later would be held until the driver exits.
        Assert.False(executor.Blobs.Has(job.Id, blob.Id));
    }
}
