using System.Diagnostics;
using System.Security.Cryptography;
using Scalearn.Data.Tables;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Parquet and CSV read/write on the csv_read_1m data (1,000,000 x 50): write rows/s of chunks already in memory
/// (Parquet and CSV), Parquet chunked read rows/s with its peak RSS, and the convert round trip CSV -> Parquet -> CSV
/// (rows/s of each leg and whether the result is byte-identical). Peer: parquet_1m_sklearn.py.
/// </summary>
public sealed class ParquetWorkload : IWorkload
{
    private const int Rows = 1_000_000;
    private const int ChunkRows = 10_000;

    public string Name => "parquet_1m";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var csv = BenchFiles.Csv(Rows);
        var parquet = Path.Combine(BenchFiles.Folder, "parquet_1m.parquet");
        var back = Path.Combine(BenchFiles.Folder, "parquet_1m_back.csv");
        var toParquet = Time(() => Convert(csv, parquet));
        var toCsv = Time(() => Convert(parquet, back));
        bool identical = Hash(csv) == Hash(back);

        var chunks = new List<IReadOnlyList<TableColumn>>();
        using (var reader = TableReader.Open(csv, TableOptions.AllColumns))
            foreach (var chunk in reader.Chunks(ChunkRows).Take(20)) chunks.Add(chunk.Columns());
        int memoryRows = chunks.Sum(c => c[0].Count);
        var scratchParquet = Path.Combine(BenchFiles.Folder, "parquet_1m_write.parquet");
        var scratchCsv = Path.Combine(BenchFiles.Folder, "parquet_1m_write.csv");
        var parquetWrite = new List<double>();
        var csvWrite = new List<double>();
        var parquetRead = new List<double>();
        GC.Collect();
        PeakMemory.Reset();
        double before = PeakMemory.CurrentMb;
        double peakRead = 0;
        for (int r = 0; r < Math.Max(3, options.Repeats); r++)
        {
            parquetWrite.Add(Time(() => Write(scratchParquet, chunks)));
            csvWrite.Add(Time(() => Write(scratchCsv, chunks)));
            PeakMemory.Reset();
            parquetRead.Add(Time(() =>
            {
                using var reader = TableReader.Open(parquet);
                foreach (var chunk in reader.Chunks(ChunkRows)) GC.KeepAlive(chunk);
            }));
            peakRead = Math.Max(peakRead, PeakMemory.PeakMb);
        }
        File.Delete(scratchParquet);
        File.Delete(scratchCsv);
        double read = Median.Of(parquetRead);
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(read, 3),
            ["rows"] = Rows,
            ["parquet_read_rows_per_second"] = Math.Round(Rows / read),
            ["parquet_read_peak_rss_mb"] = peakRead,
            ["rss_before_mb"] = before,
            ["parquet_write_rows_per_second"] = Math.Round(memoryRows / Median.Of(parquetWrite)),
            ["csv_write_rows_per_second"] = Math.Round(memoryRows / Median.Of(csvWrite)),
            ["write_rows"] = memoryRows,
            ["convert_csv_to_parquet_rows_per_second"] = Math.Round(Rows / toParquet),
            ["convert_parquet_to_csv_rows_per_second"] = Math.Round(Rows / toCsv),
            ["round_trip_byte_identical"] = identical,
            ["csv_mb"] = Math.Round(new FileInfo(csv).Length / 1048576.0, 1),
            ["parquet_mb"] = Math.Round(new FileInfo(parquet).Length / 1048576.0, 1),
        };
    }

    private static void Convert(string from, string to)
    {
        using var reader = TableReader.Open(from, TableOptions.AllColumns);
        using var writer = TableWriter.Create(to);
        foreach (var chunk in reader.ReadAhead(ChunkRows, reuse: true)) writer.Write(chunk);
    }

    private static void Write(string path, List<IReadOnlyList<TableColumn>> chunks)
    {
        using var writer = TableWriter.Create(path);
        foreach (var chunk in chunks) writer.Write(chunk);
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return System.Convert.ToHexString(SHA256.HashData(stream));
    }
}
