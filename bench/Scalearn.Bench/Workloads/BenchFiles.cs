using Scalearn.Data.Tables;
using Scalearn.Numerics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Big generated inputs for the data I/O workloads, written once into $SCALEARN_BENCH_DIR (default /tmp/scalearn-bench)
/// and reused: never committed. Values are standard normals rounded to 6 decimals, written in round-trip form.
/// </summary>
internal static class BenchFiles
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("SCALEARN_BENCH_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "scalearn-bench");

    /// <summary>rows x 50 columns: x0..x48 and a 0/1 target.</summary>
    public static string Csv(int rows)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"csv_{rows}x50.csv");
        if (File.Exists(path)) return path;
        var partial = path + ".partial.csv";
        var rng = new Rng(0);
        using (var writer = TableWriter.Create(partial))
        {
            for (int start = 0; start < rows; start += 10_000)
            {
                int n = Math.Min(10_000, rows - start);
                var columns = new TableColumn[50];
                for (int c = 0; c < 49; c++)
                {
                    var values = new double[n];
                    for (int i = 0; i < n; i++) values[i] = Math.Round(rng.NextGaussian(), 6);
                    columns[c] = new DoubleColumn($"x{c}", values);
                }
                var x0 = ((DoubleColumn)columns[0]).Values;
                columns[49] = new DoubleColumn("target", x0.Select(v => v > 0 ? 1.0 : 0.0).ToArray());
                writer.Write(columns);
            }
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}

/// <summary>Peak resident memory of this process (Linux VmHWM), which can be reset to the current RSS.</summary>
internal static class PeakMemory
{
    public static void Reset() => File.WriteAllText("/proc/self/clear_refs", "5");

    public static double PeakMb => Read("VmHWM:");
    public static double CurrentMb => Read("VmRSS:");

    private static double Read(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return Math.Round(long.Parse(line[key.Length..].Trim().Split(' ')[0]) / 1024.0, 1);
    }
}
