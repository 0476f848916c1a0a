using System.Diagnostics;

namespace Scalearn.Bench.Workloads;

/// <summary>The repository's ./scalearn command: builds it when stale and returns the CLI assembly it runs.</summary>
internal static class ScalearnCommand
{
    public static string Build()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "scalearn"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("The repository's ./scalearn script was not found above " + AppContext.BaseDirectory);
        var start = new ProcessStartInfo(Path.Combine(root.FullName, "scalearn"), "datasets") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("./scalearn could not be built:\n" + errors);
        return Path.Combine(root.FullName, ".build", "cli", "Scalearn.Cli.dll");
    }
}
