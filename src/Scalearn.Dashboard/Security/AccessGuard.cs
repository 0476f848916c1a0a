using System.Net;
using Microsoft.AspNetCore.Http;

namespace Scalearn.Dashboard.Security;

/// <summary>
/// In front of every request: security headers on every response; only GET and HEAD (the dashboard only reads); on a
/// loopback address only loopback host names (a web page elsewhere cannot reach it through DNS rebinding); and, when a
/// token is set, the token: as a bearer header, as ?token= once (answered with a session cookie and a redirect that
/// drops it from the address bar), or as that cookie. Anything else gets 401.
/// </summary>
internal sealed class AccessGuard(DashboardOptions options)
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly AccessToken? _token = options.Token is { } t ? new AccessToken(t) : null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            headers.Allow = "GET, HEAD";
            await Refuse(context, StatusCodes.Status405MethodNotAllowed, "The dashboard only reads: use GET.");
            return;
        }
        if (options.IsLoopback && !LoopbackHost(context.Request.Host.Host))
        {
            await Refuse(context, StatusCodes.Status400BadRequest, "This dashboard answers only to localhost, 127.0.0.1 or [::1].");
            return;
        }
        bool fromQuery = false;
        if (_token is not null && !Authorized(context, _token, out fromQuery))
        {
            headers.WWWAuthenticate = "Bearer realm=\"scalearn-dashboard\"";
            await Refuse(context, StatusCodes.Status401Unauthorized,
                "This dashboard needs its token: open the address 'scalearn dashboard' printed (it ends in ?token=...), or send 'Authorization: Bearer TOKEN'.");
            return;
        }
        if (_token is not null && fromQuery)
        {
            context.Response.Cookies.Append(AccessToken.CookieName(context.Connection.LocalPort), _token.Session, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true, Secure = context.Request.IsHttps,
            });
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                // Keep the token out of the address bar, the history and any copied link.
                var query = QueryString.Create(context.Request.Query.Where(q => q.Key != "token"));
                context.Response.Redirect(context.Request.PathBase + context.Request.Path + query);
                return;
            }
        }
        await next(context);
    }

    private static bool Authorized(HttpContext context, AccessToken token, out bool fromQuery)
    {
        fromQuery = false;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && token.Matches(authorization["Bearer ".Length..].Trim())) return true;
        if (token.MatchesSession(context.Request.Cookies[AccessToken.CookieName(context.Connection.LocalPort)])) return true;
        if (context.Request.Query.TryGetValue("token", out var query) && query.Count == 1 && token.Matches(query[0]))
        {
            fromQuery = true;
            return true;
        }
        return false;
    }

    private static bool LoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api")) return context.Response.WriteAsJsonAsync(new { error = message });
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
