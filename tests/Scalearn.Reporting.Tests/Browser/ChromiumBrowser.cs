using PuppeteerSharp;

namespace Scalearn.Reporting.Tests.Browser;

/// <summary>One headless Chromium (Debian's, never a downloaded one) with a fresh profile, shared by a test class.</summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "scalearn-chromium-" + Guid.NewGuid().ToString("N"));
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not installed.");

    public async Task InitializeAsync()
    {
        if (Chromium.Executable is not string executable) return;
        Directory.CreateDirectory(_profile);
        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            UserDataDir = _profile,
            Args = Chromium.Flags,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public Task<ReportPage> OpenAsync(string htmlPath, int width = 1400, int height = 1000) => ReportPage.OpenAsync(Browser, htmlPath, width, height);
}
