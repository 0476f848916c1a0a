using System.Diagnostics;
using Scalearn.Data;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Whole-file CsvLoader.Load of a ~80 MB CSV (170,000 x 50): seconds (first, cold JIT, and the median of the repeats)
/// and peak RSS above the RSS before the first load (a fresh process, as a command sees it; later loads reuse memory
/// the collector kept), next to the final matrix size (rows x 49 x 8 bytes + target).
/// Peer: csv_load_80mb_sklearn.py (pandas read_csv of the same file, then to_numpy).
/// </summary>
public sealed class CsvLoadMemoryWorkload : IWorkload
{
    private const int Rows = 170_000;

    public string Name => "csv_load_80mb";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var path = BenchFiles.Csv(Rows);
        var seconds = new List<double>();
        var peaks = new List<double>();
        double before = 0, finalMb = 0;
        for (int r = 0; r < Math.Max(3, options.Repeats); r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            before = PeakMemory.CurrentMb;
            PeakMemory.Reset();
            var watch = Stopwatch.StartNew();
            var data = CsvLoader.Load(path);
            seconds.Add(watch.Elapsed.TotalSeconds);
            peaks.Add(PeakMemory.PeakMb - before);
            finalMb = (data.X.Values.Length + data.Y!.Length) * 8 / 1048576.0;
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(Median.Of(seconds.Skip(1)), 3),
            ["first_seconds"] = Math.Round(seconds[0], 3),
            ["rows"] = Rows,
            ["file_mb"] = Math.Round(new FileInfo(path).Length / 1048576.0, 1),
            ["final_matrix_mb"] = Math.Round(finalMb, 1),
            ["peak_above_start_mb"] = Math.Round(peaks[0], 1),
            ["all_peak_above_start_mb"] = peaks.Select(p => Math.Round(p, 1)).ToArray(),
            ["rss_before_mb"] = before,
            ["file"] = path,
        };
    }
}
