using System.CommandLine;
using Scalearn.Cluster.Worker;
using Scalearn.Execution;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn worker: execute tasks from a RabbitMQ broker until stopped (SIGTERM/Ctrl+C finish in-flight work).</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var broker = new Option<string?>("--broker", "-b") { Description = "RabbitMQ broker: amqp://user:pass@host:port/vhost (default: $SCALEARN_CLUSTER)" };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Tasks run at once (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var name = new Option<string?>("--name", "-n") { Description = "Worker name shown to drivers (default: host name and process id)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log one line per task" };
        var key = CommonOptions.ClusterKey();
        var plugins = new Option<string[]>("--plugin") { Description = "Assembly with your own estimators or task kinds (repeatable); drivers must register the same", AllowMultipleArgumentsPerToken = false };
        var timeout = new Option<string?>("--task-timeout") { Description = "Stop a task that runs longer than this (e.g. 30m, 2h); default: no limit" };
        var memory = new Option<string?>("--memory-budget") { Description = "Stop the largest task when the worker uses more memory than this (e.g. 4GB); default: 3/4 of the machine's memory" };
        var cache = new Option<string?>("--cache") { Description = "Memory for cached inputs (datasets, models, partitions); default: 2GB" };
        var noWarmup = new Option<bool>("--no-warmup") { Description = "Skip the few small fits a worker runs at start-up to have its code compiled before the first task" };
        var exitWithInput = new Option<bool>("--exit-with-input") { Description = "Stop when standard input closes (a supervisor that pipes it stops the worker by closing it or by dying)" };
        var command = new Command("worker", "Run tasks for Scalearn drivers connected to the same broker")
        {
            broker, concurrency, name, verbose, key, plugins, timeout, memory, cache, noWarmup, exitWithInput,
        };
        command.SetAction(async (parse, ct) =>
        {
            var uri = ExecutorFactory.ClusterUri(parse.GetValue(broker))
                ?? throw new UsageException($"--broker is required (or set {ExecutorFactory.ClusterVariable}).");
            int slots = parse.GetValue(concurrency);
            if (slots < 1) throw new UsageException($"--concurrency must be at least 1; got {slots}.");
            var limits = TaskLimits.Default;
            if (parse.GetValue(timeout) is { } t) limits = limits with { Timeout = Units.Duration(t, "--task-timeout") };
            if (parse.GetValue(memory) is { } m) limits = limits with { MemoryBudgetBytes = Units.Bytes(m, "--memory-budget") };
            var options = new WorkerOptions(uri, slots, parse.GetValue(name), parse.GetValue(verbose))
            {
                ClusterKey = ExecutorFactory.ClusterKey(parse.GetValue(key)),
                Limits = limits,
                Warmup = !parse.GetValue(noWarmup),
                ExitWithInput = parse.GetValue(exitWithInput),
            };
            if (parse.GetValue(cache) is { } c) options = options with { CacheBytes = Units.Bytes(c, "--cache") };
            foreach (var path in parse.GetValue(plugins) ?? []) LoadPlugin(path);
            await WorkerHost.RunAsync(options, ct);
            return 0;
        });
        return command;
    }

    private static void LoadPlugin(string path)
    {
        try
        {
            Plugins.Load(path);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or FileLoadException)
        {
            throw new UsageException($"--plugin {path}: {e.Message}");
        }
    }
}
