namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_predict_10m (issue 9): `scalearn predict` of rf_predict's model on a 10,000,000-row CSV (the 1M rows ten times)
/// next to the 1M-row CSV, to a CSV file: peak RSS of each process and their ratio (target: within 1.2x, memory set by
/// the batch, not the file), rows/s with process start included. Medians of --repeats runs.
/// </summary>
public sealed class RfPredict10mWorkload : IWorkload
{
    public string Name => "rf_predict_10m";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = RfPredictData.Prepare();
        var expected = data.Model.Predict(data.LoadRows());
        string cli = ScalearnCommand.Build();
        var fields = new Dictionary<string, object?>();
        foreach (var (name, input, copies) in new[] { ("1m", data.Csv, 1), ("10m", data.Csv10M(), 10) })
        {
            string output = Path.Combine(Path.GetTempPath(), $"scalearn-bench-rf-predict-{Guid.NewGuid():N}.csv");
            string[] args = ["predict", "--model", data.ModelPath, "--data", input, "--out", output];
            try
            {
                var runs = Enumerable.Range(0, Math.Max(1, options.Repeats)).Select(_ => CliProcess.Run(cli, args)).ToList();
                CliProcess.Report(fields, "cli_" + name, runs, (long)expected.Length * copies);
                fields[$"cli_{name}_mismatches"] = RfPredictData.Mismatches(output, expected, copies);
            }
            finally
            {
                File.Delete(output);
            }
        }
        fields["seconds"] = fields["cli_10m_seconds"];
        fields["peak_rss_ratio"] = Math.Round((double)fields["cli_10m_peak_rss_mb"]! / (double)fields["cli_1m_peak_rss_mb"]!, 3);
        return fields;
    }
}
