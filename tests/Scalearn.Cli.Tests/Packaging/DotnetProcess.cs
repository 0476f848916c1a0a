using System.Diagnostics;

namespace Scalearn.Cli.Tests.Packaging;

/// <summary>Runs a command to completion with a time limit, capturing its output; the environment can be overridden.</summary>
internal static class DotnetProcess
{
    public static (int Exit, string Output) Run(string fileName, string arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan limit)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {arguments}' did not finish within {limit.TotalSeconds:F0} s.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
