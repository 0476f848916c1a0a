using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Ensemble;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_predict (issue 9): RF100 fitted on make_classification 10,000 x 20 predicts 1,000,000 x 20 rows, in memory
/// (model.Predict on the loaded rows with n_jobs as scikit-learn's default, one thread, and with n_jobs=-1; target >= 3x
/// scikit-learn's rows/s, n_jobs=None) and through `scalearn predict` from the
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
        var (memory, cpu, expected) = TimePredict(data.Model, rows, repeats);
        var fields = new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(memory, 3),
            ["cpu_seconds"] = Math.Round(cpu, 3),
            ["rows"] = rows.X.Rows,
            ["rows_per_second"] = Math.Round(rows.X.Rows / memory),
            ["positive_fraction"] = Math.Round(expected.Average(), 4),
            ["cores"] = Environment.ProcessorCount,
        };
        var (all, allCpu, same) = TimePredict(data.Fit(-1), rows, repeats);
        if (!same.SequenceEqual(expected)) throw new InvalidOperationException("n_jobs=-1 predicted differently.");
        fields["n_jobs_all_seconds"] = Math.Round(all, 3);
        fields["n_jobs_all_cpu_seconds"] = Math.Round(allCpu, 3);
        fields["n_jobs_all_rows_per_second"] = Math.Round(rows.X.Rows / all);

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

    /// <summary>Median wall and CPU seconds of <paramref name="repeats"/> predictions, and the predictions.</summary>
    private static (double Seconds, double Cpu, double[] Predictions) TimePredict(RandomForestClassifierModel model, Dataset rows, int repeats)
    {
        var seconds = new List<double>();
        var cpu = new List<double>();
        double[] predictions = [];
        for (int r = 0; r < repeats; r++)
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            predictions = model.Predict(rows);
            seconds.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        return (Median.Of(seconds), Median.Of(cpu), predictions);
    }
}
