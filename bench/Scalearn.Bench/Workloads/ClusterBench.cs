using System.Diagnostics;
using Scalearn.Cluster;
using Scalearn.Cluster.Worker;

namespace Scalearn.Bench.Workloads;

/// <summary>Shared by the cluster workloads: the broker to use and local worker processes started for the run.</summary>
internal static class ClusterBench
{
    public static string Broker(BenchOptions options, string workload)
    {
        var broker = options.Cluster ?? throw new InvalidOperationException(
            $"{workload} needs a RabbitMQ broker: pass --cluster amqp://user:pass@host:port/ or set SCALEARN_CLUSTER " +
            "(scripts/with-rabbitmq.sh provides a private one as $SCALEARN_TEST_BROKER).");
        // A cluster name of its own, so workers already attached to the broker do not join (or skew) the measurement.
        return broker + (broker.Contains('?') ? "&" : "?") + "cluster=bench-" + Guid.NewGuid().ToString("N")[..8];
    }

    public static async Task<List<LocalWorkerProcess>> StartWorkersAsync(string broker, int count, int concurrency, string? cliDll = null)
    {
        var workers = Enumerable.Range(0, count).Select(i => LocalWorkerProcess.Start(broker, concurrency, $"bench-worker-{i}", cliDll: cliDll)).ToList();
        var clock = Stopwatch.StartNew();
        while (!workers.All(w => w.Output.Contains("serving cluster")))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60) || workers.Any(w => w.HasExited))
            {
                string output = string.Join("\n", workers.Select(w => w.Output));
                await StopAsync(workers);
                throw new InvalidOperationException("Worker processes did not start:\n" + output);
            }
            await Task.Delay(100);
        }
        return workers;
    }

    public static async Task StopAsync(IEnumerable<LocalWorkerProcess> workers)
    {
        foreach (var w in workers) await w.DisposeAsync();
    }
}
