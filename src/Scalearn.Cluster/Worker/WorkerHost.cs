using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.Cluster.Worker;

/// <summary>Entry point of `scalearn worker`: runs until <paramref name="ct"/> fires or the process gets SIGTERM/Ctrl+C.</summary>
public static class WorkerHost
{
    public static Task RunAsync(WorkerOptions options, CancellationToken ct) => RunAsync(options, SharedTaskRunner.Run, ct);

    /// <summary>The same host with another way to run a task (tests use it to observe or slow down fits).</summary>
    internal static async Task RunAsync(WorkerOptions options, Func<FitTask, Dataset, Folds, FitResult> runTask, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterAddress.Parse(options.Broker);   // a bad address fails here, before any hosting output
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information);
        builder.Logging.AddFilter("MassTransit", options.Verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(runTask);
        builder.Services.AddHostedService<WorkerService>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        using var host = builder.Build();
        LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
        await host.RunAsync(ct);
    }
}
