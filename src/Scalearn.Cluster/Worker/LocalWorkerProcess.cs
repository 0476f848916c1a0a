using System.Diagnostics;
using System.Text;

namespace Scalearn.Cluster.Worker;

/// <summary>
/// A `scalearn worker` child process on this machine (benchmarks and tests start workers this way). The CLI is found
/// through SCALEARN_CLI (path to Scalearn.Cli.dll) or next to the repository's src/Scalearn.Cli build output.
/// </summary>
public sealed class LocalWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalWorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the worker printed so far (its log lines).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static LocalWorkerProcess Start(string broker, int concurrency, string name, bool verbose = false, string? cliDll = null, IEnumerable<string>? extraArgs = null)
    {
        cliDll ??= FindCli();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        // --exit-with-input: the worker stops when this process's end of the pipe closes, also when this process dies.
        foreach (var arg in new[] { cliDll, "worker", "--broker", broker, "--concurrency", concurrency.ToString(), "--name", name, "--exit-with-input" })
            start.ArgumentList.Add(arg);
        if (verbose) start.ArgumentList.Add("--verbose");
        foreach (var arg in extraArgs ?? []) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet " + cliDll + " worker`.");
        return new LocalWorkerProcess(process, name);
    }

    /// <summary>
    /// SIGKILL: the worker gets no chance to finish or hand back anything (the broker redelivers its unacked work). It
    /// returns at once (tests call it from progress callbacks); <see cref="HasExited"/> turns true once the process is reaped.
    /// </summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>Closes the worker's standard input, as this process's death would: the worker stops gracefully.</summary>
    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>SIGTERM, then waits for a graceful exit.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static string FindCli()
    {
        var configured = Environment.GetEnvironmentVariable("SCALEARN_CLI");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(configured) ? configured : throw new FileNotFoundException($"SCALEARN_CLI points to '{configured}', which does not exist.");
        string preferred = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var config in new[] { preferred, preferred == "Release" ? "Debug" : "Release" })
            {
                var candidate = Path.Combine(dir.FullName, "src", "Scalearn.Cli", "bin", config, "net10.0", "Scalearn.Cli.dll");
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException("Scalearn.Cli.dll not found: build src/Scalearn.Cli or set SCALEARN_CLI to its path.");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && !await TerminateAsync(TimeSpan.FromSeconds(10)))
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
