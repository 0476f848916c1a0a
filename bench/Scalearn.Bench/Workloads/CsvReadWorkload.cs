using System.Diagnostics;
using Scalearn.Data.Tables;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Reads a rows x 50 CSV chunk by chunk (10,000-row chunks, 49 features + target) and reports rows/s (median of the
/// repeats: plain, with a background read-ahead, and with chunk arrays reused) and the peak RSS while reading, which must not grow with the file.
/// Peer: csv_read_1m_sklearn.py (pandas read_csv(chunksize=10000)) on the same file; run each size in its own process.
/// </summary>
public abstract class CsvReadWorkload(int rows) : IWorkload
{
    private const int ChunkRows = 10_000;

    public abstract string Name { get; }

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var path = BenchFiles.Csv(rows);
        // Warm-up (JIT tiering) on the first chunks only.
        using (var warm = TableReader.Open(path))
            for (int i = 0; i < 30 && warm.Read(ChunkRows) is not null; i++) { }
        GC.Collect();
        PeakMemory.Reset();
        double baseline = PeakMemory.CurrentMb;
        var plain = new List<double>();
        var ahead = new List<double>();
        var reused = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        double checksum = 0;
        for (int r = 0; r < Math.Max(1, options.Repeats); r++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            using (var reader = TableReader.Open(path))
                foreach (var chunk in reader.Chunks(ChunkRows)) checksum += chunk.Data.Y![0] + chunk.Data.X[0, 0];
            plain.Add(watch.Elapsed.TotalSeconds);
            process.Refresh();
            // CPU time is the steadier figure on a machine shared with other jobs.
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
            watch.Restart();
            using (var reader = TableReader.Open(path))
                foreach (var chunk in reader.ReadAhead(ChunkRows, depth: 2)) checksum += chunk.Data.Y![0] + chunk.Data.X[0, 0];
            ahead.Add(watch.Elapsed.TotalSeconds);
            watch.Restart();
            using (var reader = TableReader.Open(path))
                foreach (var chunk in reader.Chunks(ChunkRows, reuse: true)) checksum += chunk.Data.Y![0] + chunk.Data.X[0, 0];
            reused.Add(watch.Elapsed.TotalSeconds);
        }
        double seconds = Median.Of(plain);
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(seconds, 3),
            ["rows"] = rows,
            ["columns"] = 50,
            ["chunk_rows"] = ChunkRows,
            ["rows_per_second"] = Math.Round(rows / seconds),
            ["cpu_seconds"] = Math.Round(Median.Of(cpu), 3),
            ["rows_per_cpu_second"] = Math.Round(rows / Median.Of(cpu)),
            ["read_ahead_rows_per_second"] = Math.Round(rows / Median.Of(ahead)),
            ["reused_chunks_rows_per_second"] = Math.Round(rows / Median.Of(reused)),
            ["all_seconds"] = plain.Select(s => Math.Round(s, 3)).ToArray(),
            ["mb_per_second"] = Math.Round(new FileInfo(path).Length / 1e6 / seconds, 1),
            ["peak_rss_mb"] = PeakMemory.PeakMb,
            ["rss_before_mb"] = baseline,
            ["file"] = path,
            ["file_mb"] = Math.Round(new FileInfo(path).Length / 1e6, 1),
            ["checksum"] = checksum,
        };
    }
}

public sealed class CsvRead1MWorkload() : CsvReadWorkload(1_000_000)
{
    public override string Name => "csv_read_1m";
}

public sealed class CsvRead3MWorkload() : CsvReadWorkload(3_000_000)
{
    public override string Name => "csv_read_3m";
}
