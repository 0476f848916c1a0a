using System.Diagnostics;
using System.Globalization;
using Scalearn.Data.Tables;
using Scalearn.Numerics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Out-of-core learning through the CLI: `scalearn fit-stream --estimator SGDRegressor --chunk-size 10000` over a
/// generated 1,000,000 x 50 CSV (y = Xw + 0.1 noise), run as a process under /usr/bin/time: rows/s from its wall
/// clock, CPU seconds (user + sys, steadier on a shared machine) and its peak RSS, next to the same run on a file 10x
/// smaller, which shows peak memory set by the chunk size, not the file. SCALEARN_STREAM_10X=1 also runs a 10,000,000-row
/// file (about 5 GB, generated once). Peer: stream_fit_sklearn.py (pandas read_csv(chunksize=10000) + partial_fit).
/// </summary>
public sealed class StreamFitWorkload : IWorkload
{
    private const int Features = 50;
    private const int ChunkRows = 10_000;

    public string Name => "stream_fit";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        string cli = ScalearnCommand.Build();
        var sizes = new List<int> { 100_000, 1_000_000 };
        if (Environment.GetEnvironmentVariable("SCALEARN_STREAM_10X") == "1") sizes.Add(10_000_000);
        var result = new Dictionary<string, object?>();
        foreach (int rows in sizes)
        {
            string path = File(rows);
            var runs = Enumerable.Range(0, rows > 1_000_000 ? 1 : Math.Max(1, options.Repeats)).Select(_ => FitStream(cli, path, options.Cluster)).ToList();
            string key = rows == 1_000_000 ? "" : $"_{rows / 1000}k";
            double seconds = Median.Of(runs.Select(r => r.Seconds));
            result["seconds" + key] = Math.Round(seconds, 3);
            result["rows_per_second" + key] = Math.Round(rows / seconds);
            result["cpu_seconds" + key] = Math.Round(Median.Of(runs.Select(r => r.CpuSeconds)), 3);
            result["peak_rss_mb" + key] = runs.Max(r => r.PeakMb);
            result["all_seconds" + key] = runs.Select(r => Math.Round(r.Seconds, 3)).ToArray();
            if (key.Length == 0)
            {
                result["file"] = path;
                result["file_mb"] = Math.Round(new FileInfo(path).Length / 1048576.0, 1);
                result["score"] = runs[0].Score;
            }
        }
        result["rows"] = 1_000_000;
        result["chunk_rows"] = ChunkRows;
        result["command"] = $"dotnet {cli} fit-stream --data <file> --estimator SGDRegressor --chunk-size {ChunkRows} --seed 0 --out <model> --force";
        return result;
    }

    private sealed record Measured(double Seconds, double CpuSeconds, double PeakMb, string Score);

    private static Measured FitStream(string cli, string path, string? cluster)
    {
        string model = Path.Combine(Path.GetTempPath(), $"scalearn-stream-{Guid.NewGuid():N}.model");
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-f", "TIME %e %U %S %M", "dotnet", cli, "fit-stream", "--data", path, "--estimator", "SGDRegressor",
            "--chunk-size", ChunkRows.ToString(CultureInfo.InvariantCulture), "--seed", "0", "--out", model, "--force" })
            start.ArgumentList.Add(arg);
        if (cluster is not null) { start.ArgumentList.Add("--cluster"); start.ArgumentList.Add(cluster); }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        System.IO.File.Delete(model);
        if (process.ExitCode != 0) throw new InvalidOperationException($"scalearn fit-stream failed ({process.ExitCode}):\n{stdout.Result}\n{stderr}");
        var time = stderr.Split('\n').Last(l => l.StartsWith("TIME ", StringComparison.Ordinal)).Split(' ');
        double Number(int i) => double.Parse(time[i], CultureInfo.InvariantCulture);
        string score = stdout.Result.Split('\n').LastOrDefault(l => l.StartsWith("epoch 1: ", StringComparison.Ordinal))?.Trim() ?? "";
        return new Measured(Number(1), Number(2) + Number(3), Math.Round(Number(4) / 1024, 1), score);
    }

    /// <summary>rows x 50 standard normals (6 decimals) and y = Xw + 0.1 noise, written once into the bench folder.</summary>
    internal static string File(int rows)
    {
        Directory.CreateDirectory(BenchFiles.Folder);
        string path = Path.Combine(BenchFiles.Folder, $"stream_{rows}x{Features}.csv");
        if (System.IO.File.Exists(path)) return path;
        string partial = path + ".partial.csv";
        var rng = new Rng(0);
        var weights = new double[Features];
        for (int j = 0; j < Features; j++) weights[j] = rng.NextGaussian();
        using (var writer = TableWriter.Create(partial))
        {
            for (int start = 0; start < rows; start += ChunkRows)
            {
                int n = Math.Min(ChunkRows, rows - start);
                var columns = new TableColumn[Features + 1];
                var y = new double[n];
                for (int c = 0; c < Features; c++)
                {
                    var values = new double[n];
                    for (int i = 0; i < n; i++)
                    {
                        values[i] = Math.Round(rng.NextGaussian(), 6);
                        y[i] += weights[c] * values[i];
                    }
                    columns[c] = new DoubleColumn($"x{c}", values);
                }
                for (int i = 0; i < n; i++) y[i] = Math.Round(y[i] + 0.1 * rng.NextGaussian(), 6);
                columns[Features] = new DoubleColumn("target", y);
                writer.Write(columns);
            }
        }
        System.IO.File.Move(partial, path, overwrite: true);
        return path;
    }
}
