using System.Diagnostics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_predict (issue 9): RF100 fitted on make_classification 10,000 x 20 predicts 1,000,000 x 20 rows, in memory
/// (model.Predict on the loaded rows; target >= 3x scikit-learn's rows/s) and through `scalearn predict` from the
/// 1M-row CSV and Parquet files to a file of the same format, process start, reading and writing included (target
/// >= 1.5x scikit-learn's in-memory rows/s, peak RSS under 300 MB). Medians of --repeats (at least 3) runs; each CLI
/// output is checked row by row against the in-memory predictions. Peer: rf_predict_sklearn.py (run it first: it writes
/// the data).
/// </summary>
public sealed class RfPredictWorkload : IWorkload
{
    public string Name => "rf_predict";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        int repeats = Math.Max(3, options.Repeats);
        var data = RfPredictData.Prepare();
        var rows = data.LoadRows();
        var seconds = new List<double>();
        var cpu = new List<double>();
        double[] expected = [];
        for (int r = 0; r < repeats; r++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            expected = data.Model.Predict(rows);
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        double memory = Median.Of(seconds);
        var fields = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(memory, 3),
            ["cpu_seconds"] = Math.Round(Median.Of(cpu), 3),
            ["rows"] = rows.X.Rows,
            ["rows_per_second"] = Math.Round(rows.X.Rows / memory),
            ["positive_fraction"] = Math.Round(expected.Average(), 4),
            ["cores"] = Environment.ProcessorCount,
        };

        string cli = ScalearnCommand.Build();
        foreach (var (format, input) in new[] { ("csv", data.Csv), ("parquet", data.Parquet()) })
        {
            string output = Path.Combine(Path.GetTempPath(), $"scalearn-bench-rf-predict-{Guid.NewGuid():N}.{format}");
            string[] args = ["predict", "--model", data.ModelPath, "--data", input, "--out", output];
            try
            {
                CliProcess.Run(cli, args);   // file caches warm
                var runs = Enumerable.Range(0, repeats).Select(_ => CliProcess.Run(cli, args)).ToList();
                CliProcess.Report(fields, "cli_" + format, runs, rows.X.Rows);
                fields[$"cli_{format}_mismatches"] = RfPredictData.Mismatches(output, expected);
            }
            finally
            {
                File.Delete(output);
            }
        }
        return fields;
    }
}
