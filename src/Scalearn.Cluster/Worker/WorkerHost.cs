using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scalearn.Cluster.Worker;

/// <summary>Entry point of `scalearn worker`: runs until <paramref name="ct"/> fires or the process gets SIGTERM/Ctrl+C.</summary>
public static class WorkerHost
{
    public static async Task RunAsync(WorkerOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClusterAddress.Parse(options.Broker);   // a bad address fails here, before any hosting output
        _ = new Wire.MessageAuth(options.ClusterKey);   // so does a key that is too short
        options.Limits.Validate();
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
        builder.Services.AddHostedService<WorkerService>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(2));
        builder.Services.AddSingleton<IHostLifetime, Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>();
        using var host = builder.Build();
        LogContext.ConfigureCurrentLogContext(host.Services.GetRequiredService<ILoggerFactory>());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (options.ExitWithInput) _ = StopAtEndOfInputAsync(stop, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Scalearn.Worker"));
        await host.RunAsync(stop.Token);
    }

    /// <summary>Reads standard input to its end (the parent closed it or died), then stops the worker as SIGTERM would.</summary>
    private static async Task StopAtEndOfInputAsync(CancellationTokenSource stop, ILogger log)
    {
        await Task.Yield();
        using var input = Console.OpenStandardInput();
        var buffer = new byte[256];
        try
        {
            while (await input.ReadAsync(buffer, stop.Token) > 0) { }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        log.LogInformation("standard input closed: stopping");
        try { stop.Cancel(); }
        catch (ObjectDisposedException) { }
    }
}
