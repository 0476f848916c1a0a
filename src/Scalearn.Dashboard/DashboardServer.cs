using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalearn.Dashboard.Live;
using Scalearn.Dashboard.Searches;
using Scalearn.Dashboard.Security;
using Scalearn.Dashboard.Workers;
using Scalearn.Reporting.Figures;
using Scalearn.Reporting.Html;

namespace Scalearn.Dashboard;

/// <summary>
/// The live dashboard: a small ASP.NET Core app (Kestrel) that lists searches from their journals and shows one live
/// over server-sent events, with the cluster's workers when a cluster is named. It only reads: journals are opened
/// read-only, the cluster is watched through its heartbeats, and only GET is answered.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SearchCatalog _catalog;
    private readonly WorkerBoard _workers;
    private readonly CancellationTokenSource _stop = new();
    private Task _loops = Task.CompletedTask;

    private DashboardServer(WebApplication app, SearchCatalog catalog, WorkerBoard workers, DashboardOptions options)
    {
        _app = app;
        _catalog = catalog;
        _workers = workers;
        Options = options;
    }

    public DashboardOptions Options { get; }

    /// <summary>Where the dashboard listens (with the port chosen when it was 0), without the token.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The address to open in a browser: <see cref="Url"/>, plus ?token= when a token is set.</summary>
    public Uri BrowserUrl => Options.Token is { } token ? new Uri(Url, "?token=" + Uri.EscapeDataString(token)) : Url;

    /// <summary>Starts listening and watching; throws <see cref="ArgumentException"/> for unsafe or invalid options, <see cref="IOException"/> when the port is taken.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken ct = default)
    {
        options.Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardServer).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory, Args = [],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 256;
            kestrel.Limits.MaxRequestBodySize = 0;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestLineSize = 4096;
            kestrel.Listen(options.Address, options.Port);
        });
        var app = builder.Build();
        var catalog = new SearchCatalog(options);
        var workers = new WorkerBoard(options, catalog);
        var server = new DashboardServer(app, catalog, workers, options);
        server.Map();
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new IOException($"Cannot listen on {options.Address}:{options.Port}: {e.Message} (is another dashboard running? try another --port)", e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        int port = new Uri(address).Port;
        string host = options.Address.Equals(IPAddress.Any) || options.Address.Equals(IPAddress.IPv6Any) ? Dns.GetHostName()
            : options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.Address}]" : options.Address.ToString();
        server.Url = new Uri($"http://{host}:{port}/");
        catalog.PollOnce();
        server._loops = Task.WhenAll(Task.Run(() => catalog.RunAsync(server._stop.Token)), Task.Run(() => workers.RunAsync(server._stop.Token)));
        return server;
    }

    /// <summary>The port actually listened on.</summary>
    public int Port => Url.Port;

    private void Map()
    {
        var guard = new AccessGuard(Options);
        _app.Use((context, next) => guard.InvokeAsync(context, next));
        _app.MapGet("/", context => StaticAssets.Serve(context, "index.html"));
        _app.MapGet("/static/{name}", (HttpContext context, string name) => StaticAssets.Serve(context, name));
        _app.MapGet("/api/searches", context => Json(context, _catalog.ListJson));
        _app.MapGet("/api/searches/{id}", (HttpContext context, string id) =>
            _catalog.Find(id) is { } search ? Json(context, search.ProgressJson) : NotFound(context, id));
        _app.MapGet("/api/searches/{id}/report", (HttpContext context, string id) =>
            _catalog.Find(id) is { } search ? Json(context, search.CurrentReport() ?? "null") : NotFound(context, id));
        _app.MapGet("/api/searches/{id}/report.html", (HttpContext context, string id) =>
            _catalog.Find(id) is { } search ? ReportFile(context, search) : NotFound(context, id));
        _app.MapGet("/api/workers", context => Json(context, _workers.Json));
        _app.MapGet("/api/events", context => EventStream.RunAsync(context, _catalog, _workers));
    }

    private static Task Json(HttpContext context, string json)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(json);
    }

    private static Task NotFound(HttpContext context, string id)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsJsonAsync(new { error = $"No search with id '{id}'." });
    }

    /// <summary>The search's self-contained HTML report, as a download (it has inline scripts, so it is not shown under this site's policy).</summary>
    private static async Task ReportFile(HttpContext context, SearchMonitor search)
    {
        if (search.Record() is not { } record)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = "The journal cannot be read yet." });
            return;
        }
        var document = ReportBuilder.Build(record, new ReportOptions { Title = search.Name });
        var name = Path.GetFileNameWithoutExtension(search.Path) + "-report.html";
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}\"";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false), leaveOpen: true);
        HtmlReportWriter.Write(document, writer);
        await writer.FlushAsync();
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled (Ctrl+C), then stops.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
        }
        await _loops;
        await _app.DisposeAsync();
        await _workers.DisposeAsync();
        _catalog.Dispose();
        _stop.Dispose();
    }
}
