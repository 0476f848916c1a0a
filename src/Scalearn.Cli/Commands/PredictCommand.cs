using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Scalearn.Data;
using Scalearn.Data.Tables;
using Scalearn.Execution;
using Scalearn.Jobs;
using Spectre.Console;
using TableColumn = Scalearn.Data.Tables.TableColumn;

namespace Scalearn.Cli.Commands;

/// <summary>
/// scalearn predict: apply a saved model to a CSV or Parquet file of any size, streamed chunk by chunk (on this
/// machine's cores or a cluster), and write the predictions in input order.
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var modelPath = new Option<string>("--model", "-m")
        {
            Description = "Model file written by 'scalearn tune', or a folder written by 'scalearn fit-groups' (each row goes to its group's model)", Required = true,
        };
        var data = CommonOptions.Data();
        var target = new Option<string?>("--target") { Description = "Target column in the data, if any: it is left out of the features and the score is printed" };
        var output = new Option<string>("--out", "-o") { Description = "Output file, CSV or Parquet by its extension", DefaultValueFactory = _ => "predictions.csv" };
        var proba = new Option<bool>("--proba") { Description = "Also write one proba_<class> column per class (classifiers)" };
        var batchSize = new Option<int?>("--batch-size")
        {
            Description = "Rows per task (default: 10,000; with --data-on-workers, about 8 tasks per slot of the executor, each at least 10,000 rows and at most 16 MB of the file)",
        };
        var keep = new Option<string?>("--keep") { Description = "Input columns to copy to the output before the predictions (comma-separated)" };
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var jobs = CommonOptions.Jobs();
        var onWorkers = DataOnWorkersOption();
        var inferRows = CommonOptions.InferRows("a --keep column");
        var command = new Command("predict", "Predict with a saved model, streaming the data")
        {
            modelPath, data, target, output, proba, batchSize, keep, inferRows, cluster, clusterKey, jobs, onWorkers,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(batchSize) < 1) throw new UsageException($"--batch-size must be at least 1; got {parse.GetValue(batchSize)}.");
            CommonOptions.CheckInferRows(parse.GetValue(inferRows));
            var keepColumns = (parse.GetValue(keep) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var path = parse.GetValue(output) ?? "predictions.csv";
            TableFormats.Of(path);
            string input = BundledDatasets.FilePath(parse.GetRequiredValue(data));
            var executor = await ExecutorFactory.CreateAsync(parse.GetValue(cluster), parse.GetValue(jobs),
                message => AnsiConsole.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, parse.GetValue(clusterKey));
            var rate = new RowRate();
            BatchPredictSummary summary;
            try
            {
                var settings = new BatchPredictOptions
                {
                    Proba = parse.GetValue(proba), BatchSize = parse.GetValue(batchSize), Keep = keepColumns, Target = parse.GetValue(target), Progress = rate,
                    DataOnWorkers = parse.GetValue(onWorkers), InferRows = parse.GetValue(inferRows),
                };
                string model = parse.GetRequiredValue(modelPath);
                summary = GroupModels.IsFolder(model)
                    ? await GroupRoutedPredictor.RunAsync(executor, model, input, path, settings, ct)
                    : await BatchPredictor.RunAsync(executor, model, input, path, settings, ct);
            }
            finally
            {
                rate.Done();
                if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
            AnsiConsole.MarkupLineInterpolated(
                $"{summary.Rows} predictions written to {path} in {summary.Elapsed.TotalSeconds:F1} s ({summary.RowsPerSecond:N0} rows/s)");
            if (summary.Score is { } score)
                AnsiConsole.MarkupLineInterpolated($"score: {score.ToString("F4", CultureInfo.InvariantCulture)} ({summary.ScoreName})");
            return 0;
        });
        return command;
    }

    /// <summary>--data-on-workers, as every command that reads a dataset for a job spells it.</summary>
    internal static Option<bool> DataOnWorkersOption() => new("--data-on-workers")
    {
        Description = "The workers read their own parts of --data from its path (a shared mount every worker can read, under their SCALEARN_DATA_DIRS) " +
            "instead of the driver streaming the rows through the broker; same output",
    };

    /// <summary>Rows done and rows/s on one rewritten stderr line, only when stderr is a terminal.</summary>
    private sealed class RowRate : IProgress<JobProgress>
    {
        private readonly bool _enabled = !System.Console.IsErrorRedirected;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last;

        public void Report(JobProgress value)
        {
            if (!_enabled || _clock.Elapsed - _last < TimeSpan.FromMilliseconds(250)) return;
            _last = _clock.Elapsed;
            System.Console.Error.Write($"\r{value.Rows:N0} rows, {value.RowsPerSecond:N0} rows/s" + (value.Workers > 0 ? $", {value.Workers} workers" : "") + "   ");
        }

        public void Done()
        {
            if (_enabled && _last > TimeSpan.Zero) System.Console.Error.Write("\r" + new string(' ', 70) + "\r");
        }
    }
}
