using System.Diagnostics;
using Scalearn.Data;

namespace Scalearn.Bench.Workloads;

/// <summary>Parses digits.csv (1,797 x 65) repeatedly after a warm-up; reports the mean seconds per load.</summary>
public sealed class CsvLoadWorkload : IWorkload
{
    public string Name => "csv-load-digits";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var path = BundledDatasets.Resolve("digits");
        var text = File.ReadAllText(path);
        for (int i = 0; i < 20; i++) CsvLoader.Load(new StringReader(text), path);
        int loads = 50 * options.Repeats;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Dataset? data = null;
        for (int i = 0; i < loads; i++) data = CsvLoader.Load(new StringReader(text), path);
        double parse = watch.Elapsed.TotalSeconds / loads;
        process.Refresh();
        // CPU time is steadier than wall clock on a shared machine.
        double parseCpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / loads;
        watch.Restart();
        for (int i = 0; i < loads; i++) data = CsvLoader.Load(path);
        double withFile = watch.Elapsed.TotalSeconds / loads;
        return new Dictionary<string, object?>
        {
            ["seconds"] = withFile,
            ["parse_only_seconds"] = parse,
            ["parse_only_cpu_seconds"] = parseCpu,
            ["rows"] = data!.Count,
            ["features"] = data.FeatureCount,
        };
    }
}
