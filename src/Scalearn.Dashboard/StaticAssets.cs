using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Scalearn.Reporting.Html;

namespace Scalearn.Dashboard;

/// <summary>
/// The page and its files, all embedded (nothing is read from disk or fetched elsewhere): the dashboard's own, and the
/// report's ECharts build, chart builders, sortable tables and stylesheet, so both draw the same charts.
/// </summary>
internal static class StaticAssets
{
    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    private static readonly Dictionary<string, Asset> Assets = new(StringComparer.Ordinal)
    {
        ["index.html"] = Of(Read("index.html"), "text/html; charset=utf-8"),
        ["dashboard.js"] = Of(Read("dashboard.js"), "text/javascript; charset=utf-8"),
        ["dashboard.css"] = Of(Read("dashboard.css"), "text/css; charset=utf-8"),
        ["echarts.min.js"] = Of(PageAssets.ECharts, "text/javascript; charset=utf-8"),
        ["charts.js"] = Of(PageAssets.Charts, "text/javascript; charset=utf-8"),
        ["tables.js"] = Of(PageAssets.Tables, "text/javascript; charset=utf-8"),
        ["report.css"] = Of(PageAssets.Style, "text/css; charset=utf-8"),
        ["echarts.LICENSE.txt"] = Of(PageAssets.EChartsLicense, "text/plain; charset=utf-8"),
    };

    public static IReadOnlyCollection<string> Names => Assets.Keys;

    public static Task Serve(HttpContext context, string name)
    {
        if (!Assets.TryGetValue(name, out var asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(asset.Bytes).AsTask();
    }

    private static Asset Of(string text, string contentType)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new Asset(bytes, contentType, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
    }

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Scalearn.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from Scalearn.Dashboard.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
