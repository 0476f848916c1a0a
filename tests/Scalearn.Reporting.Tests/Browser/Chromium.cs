namespace Scalearn.Reporting.Tests.Browser;

/// <summary>Where Debian's Chromium is (or $SCALEARN_CHROMIUM), and the flags every test launch uses.</summary>
public static class Chromium
{
    public static string? Executable =>
        Environment.GetEnvironmentVariable("SCALEARN_CHROMIUM") is { Length: > 0 } path ? path
            : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>No network of its own: the report must draw from the file alone.</summary>
    public static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];
}

/// <summary>A test that needs Chromium: skipped, saying why, only when no Chromium is installed (test.sh installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
            Skip = "Chromium is not installed (/usr/bin/chromium): ./test.sh installs it with apt-get install -y chromium chromium-driver.";
    }
}
