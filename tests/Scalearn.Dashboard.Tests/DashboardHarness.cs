using System.Net;
using Scalearn.Reporting.Model;
using Scalearn.Reporting.Tests;
using Scalearn.Reporting.Tests.Journal;

namespace Scalearn.Dashboard.Tests;

/// <summary>Dashboards on a free port over scratch folders of fixture journals, and HTTP clients for them.</summary>
public static class DashboardHarness
{
    public static IReadOnlyList<Trial> Digits { get; } = FixtureJournal.Digits.Trials;

    public static Task<DashboardServer> StartAsync(string journals, string? token = null, IPAddress? address = null, string? cluster = null) =>
        DashboardServer.StartAsync(new DashboardOptions
        {
            Journals = [journals], Port = 0, Token = token, Address = address ?? IPAddress.Loopback, Cluster = cluster,
            PollInterval = TimeSpan.FromMilliseconds(100), ScanInterval = TimeSpan.FromMilliseconds(300),
        });

    /// <summary>A finished journal of the digits grid (16 trials, 3 folds) in a fresh folder.</summary>
    public static string FinishedDigits(out string journal)
    {
        var dir = Fixture.TempDir();
        journal = Path.Combine(dir, "digits.db");
        using var writer = new FixtureJournal(journal, 3);
        foreach (var t in Digits) writer.Run(t, worker: t.Number % 2 == 0 ? "worker-a" : "worker-b");
        writer.Status("completed");
        return dir;
    }

    /// <summary>The dashboard's address on 127.0.0.1 (whatever address it listens on), showing one search.</summary>
    public static Uri Local(DashboardServer server, string? search = null, string? token = null) =>
        new($"http://127.0.0.1:{server.Port}/{(token is null ? "" : "?token=" + Uri.EscapeDataString(token))}{(search is null ? "" : "#search=" + search)}");

    public static HttpClient Client(DashboardServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Local(server), Timeout = TimeSpan.FromSeconds(30) };

    public static string IdOf(string journal) => Searches.SearchMonitor.IdOf(journal);
}
