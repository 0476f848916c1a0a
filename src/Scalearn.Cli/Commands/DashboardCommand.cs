using System.CommandLine;
using System.Net;
using Scalearn.Dashboard;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn dashboard: a live web view of searches (from their journals) and of a cluster's workers.</summary>
public static class DashboardCommand
{
    public const string TokenVariable = "SCALEARN_DASHBOARD_TOKEN";

    public static Command Create()
    {
        var journals = new Option<string[]>("--journal") { Description = "Journal file, or folder whose journals (inside, or one folder down) are listed as they appear; repeatable (default: the current folder)" };
        var cluster = CommonOptions.Cluster();
        cluster.Description = "RabbitMQ broker of a Scalearn cluster whose workers to show (amqp://user:pass@host:port/vhost); default: $SCALEARN_CLUSTER, else none";
        var clusterKey = CommonOptions.ClusterKey();
        var host = new Option<string>("--host") { Description = "Address to listen on; anything but loopback needs --token", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port)", DefaultValueFactory = _ => DashboardOptions.DefaultPort };
        var token = new Option<string?>("--token") { Description = $"Secret every request must present (16+ characters; default: ${TokenVariable}); required off loopback" };
        var command = new Command("dashboard", "Serve a live dashboard of searches (from their journals) and of a cluster's workers")
        {
            journals, cluster, clusterKey, host, port, token,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DashboardOptions
            {
                Journals = parse.GetValue(journals) is { Length: > 0 } j ? j : ["."],
                Cluster = ExecutorFactory.ClusterUri(parse.GetValue(cluster)),
                ClusterKey = ExecutorFactory.ClusterKey(parse.GetValue(clusterKey)),
                Address = Address(parse.GetValue(host) ?? "127.0.0.1"),
                Port = parse.GetValue(port),
                Token = parse.GetValue(token) ?? (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } t ? t : null),
                Log = line => AnsiConsole.MarkupLineInterpolated($"[yellow]{line}[/]"),
            };
            return await RunAsync(options, AnsiConsole.Console, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(DashboardOptions options, IAnsiConsole console, CancellationToken ct)
    {
        await using var server = await DashboardServer.StartAsync(options, ct);
        console.MarkupLineInterpolated($"Dashboard of {string.Join(", ", options.Journals)} at [bold link]{server.BrowserUrl}[/]");
        if (options.Cluster is not null) console.MarkupLineInterpolated($"Workers of cluster {Scalearn.Cluster.ClusterAddress.Mask(options.Cluster)} shown from their heartbeats.");
        console.MarkupLine(options.IsLoopback ? "Only this machine can open it. Ctrl+C stops it." : "Anyone who can reach this address and knows the token can read these searches. Ctrl+C stops it.");
        await server.WaitAsync(ct);
        return 0;
    }

    private static IPAddress Address(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip
            : throw new UsageException($"--host must be an IP address (127.0.0.1, ::1, 0.0.0.0, a LAN address) or localhost; got '{host}'.");
}
