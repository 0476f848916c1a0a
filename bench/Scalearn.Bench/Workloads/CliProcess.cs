using System.Diagnostics;
using System.Globalization;

namespace Scalearn.Bench.Workloads;

/// <summary>One `scalearn` process as a user runs it: wall seconds (process start included), user + system CPU seconds and peak RSS.</summary>
internal sealed record CliRun(double Seconds, double CpuSeconds, double PeakRssMb, string Output);

/// <summary>
/// Runs the command ./scalearn builds (its ReadyToRun apphost, or `dotnet Scalearn.Cli.dll`) under /usr/bin/time, which
/// reports the child's CPU time and maximum resident set.
/// </summary>
internal static class CliProcess
{
    private const string Marker = "SCALEARN_BENCH_TIME";

    public static CliRun Run(string cliDll, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", Marker + " %U %S %M" }) start.ArgumentList.Add(arg);
        string apphost = Path.Combine(Path.GetDirectoryName(cliDll)!, "Scalearn.Cli");
        if (File.Exists(apphost)) start.ArgumentList.Add(apphost);
        else
        {
            start.ArgumentList.Add("dotnet");
            start.ArgumentList.Add(cliDll);
        }
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        double seconds = clock.Elapsed.TotalSeconds;
        string output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scalearn {string.Join(' ', args)} failed ({process.ExitCode}):\n{output}");
        var line = stderr.Result.Split('\n').Last(l => l.StartsWith(Marker, StringComparison.Ordinal)).Split(' ');
        double Field(int i) => double.Parse(line[i], CultureInfo.InvariantCulture);
        return new CliRun(seconds, Field(1) + Field(2), Math.Round(Field(3) / 1024, 1), output);
    }

    /// <summary>The median wall seconds, CPU seconds and peak RSS of <paramref name="runs"/>, under <paramref name="prefix"/>_*.</summary>
    public static void Report(Dictionary<string, object?> fields, string prefix, IReadOnlyList<CliRun> runs, long rows, string unit = "rows")
    {
        double seconds = Median.Of(runs.Select(r => r.Seconds));
        fields[prefix + "_seconds"] = Math.Round(seconds, 3);
        fields[prefix + "_cpu_seconds"] = Math.Round(Median.Of(runs.Select(r => r.CpuSeconds)), 3);
        fields[prefix + $"_{unit}_per_second"] = Math.Round(rows / seconds, 1);
        fields[prefix + "_peak_rss_mb"] = Median.Of(runs.Select(r => r.PeakRssMb));
        fields[prefix + "_runs"] = runs.Select(r => Math.Round(r.Seconds, 3)).ToArray();
    }
}
