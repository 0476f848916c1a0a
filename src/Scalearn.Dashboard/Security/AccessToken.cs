using System.Security.Cryptography;
using System.Text;

namespace Scalearn.Dashboard.Security;

/// <summary>
/// The dashboard's secret. Compared in constant time through hashes (so neither content nor length leaks through timing).
/// The browser keeps a session cookie derived from it rather than the token itself.
/// </summary>
internal sealed class AccessToken
{
    private readonly byte[] _hash;

    public AccessToken(string token)
    {
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Session = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes("scalearn-dashboard-session")));
    }

    /// <summary>Cookies are per host, not per port: two dashboards on one machine keep separate cookies.</summary>
    public static string CookieName(int port) => $"scalearn-dashboard-{port}";

    /// <summary>The cookie's value: proves the browser once presented the token.</summary>
    public string Session { get; }

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(candidate)));

    public bool MatchesSession(string? cookie) =>
        cookie is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(Session)), SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));
}
