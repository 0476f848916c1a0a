using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Scalearn.Dashboard.Searches;
using Scalearn.Dashboard.Workers;

namespace Scalearn.Dashboard.Live;

/// <summary>
/// GET /api/events[?search=ID]: server-sent events. On connecting, and then whenever one changes: "searches" (the list),
/// "search" (the chosen search's progress), "report" (its figures, rebuilt at most every few seconds) and "workers".
/// Each event carries the whole current state of its part, so a client that reconnects (EventSource does so by itself)
/// or falls behind just gets the newest state; nothing is queued per client.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(HttpContext context, SearchCatalog catalog, WorkerBoard workers)
    {
        var ct = context.RequestAborted;
        string? id = context.Request.Query["search"];
        var search = id is null ? null : catalog.Find(id);
        if (id is not null && search is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = $"No search with id '{id}'." }, ct);
            return;
        }
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        using var watching = search?.Watch();
        await context.Response.WriteAsync("retry: 2000\n\n", ct);
        long list = -1, progress = -1, report = -1, cluster = -1;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Take the signals before reading the state: a change made while we read wakes us up again.
                var next = Task.WhenAny(catalog.Changed.Next, workers.Changed.Next);
                bool wrote = false;
                if (catalog.Version != list)
                {
                    list = catalog.Version;
                    wrote = await Send(context, "searches", catalog.ListJson, ct);
                }
                if (search is not null && search.Version != progress)
                {
                    progress = search.Version;
                    wrote = await Send(context, "search", search.ProgressJson, ct);
                }
                if (search?.ReportJson is { } json && search.ReportVersion != report)
                {
                    report = search.ReportVersion;
                    wrote = await Send(context, "report", json, ct);
                }
                if (workers.Cluster is not null && workers.Version != cluster)
                {
                    cluster = workers.Version;
                    wrote = await Send(context, "workers", workers.Json, ct);
                }
                if (wrote) await context.Response.Body.FlushAsync(ct);
                if (await Task.WhenAny(next, Task.Delay(KeepAlive, ct)) != next)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The browser went away.
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static async Task<bool> Send(HttpContext context, string name, string json, CancellationToken ct)
    {
        // JSON from System.Text.Json has no raw line breaks, so it is one data line.
        var text = new StringBuilder(json.Length + name.Length + 16).Append("event: ").Append(name).Append("\ndata: ").Append(json).Append("\n\n").ToString();
        await context.Response.WriteAsync(text, ct);
        return true;
    }
}
