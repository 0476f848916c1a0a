using System.CommandLine;
using Scalearn.Cluster.Worker;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn worker: execute tasks from a RabbitMQ broker until stopped (SIGTERM/Ctrl+C finish or hand back in-flight work).</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var broker = new Option<string?>("--broker", "-b") { Description = "RabbitMQ broker: amqp://user:pass@host:port/vhost (default: $SCALEARN_CLUSTER)" };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Tasks run at once (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var name = new Option<string?>("--name", "-n") { Description = "Worker name shown to drivers (default: host name and process id)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log one line per task" };
        var command = new Command("worker", "Run tasks for Scalearn drivers connected to the same broker") { broker, concurrency, name, verbose };
        command.SetAction(async (parse, ct) =>
        {
            var uri = ExecutorFactory.ClusterUri(parse.GetValue(broker))
                ?? throw new UsageException($"--broker is required (or set {ExecutorFactory.ClusterVariable}).");
            int slots = parse.GetValue(concurrency);
            if (slots < 1) throw new UsageException($"--concurrency must be at least 1; got {slots}.");
            await WorkerHost.RunAsync(new WorkerOptions(uri, slots, parse.GetValue(name), parse.GetValue(verbose)), ct);
            return 0;
        });
        return command;
    }
}
