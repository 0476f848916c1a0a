using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Scalearn.Data.Tables;
using Scalearn.Estimators;
using Scalearn.Jobs;
using Scalearn.Persistence;
using Spectre.Console;
using TableColumn = Scalearn.Data.Tables.TableColumn;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn fit-groups: one model per group of rows, fitted across the cores or the cluster.</summary>
public static class FitGroupsCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var groupBy = new Option<string>("--group-by") { Description = "Column whose values split the rows into groups; rows whose key is missing (empty, NA, NaN, N/A, null, ...) form one group of their own (pandas' groupby(dropna=False)), where predict also sends them", Required = true };
        var estimatorName = new Option<string>("--estimator", "-e") { Description = "Estimator to fit per group (see 'scalearn tune --help')", Required = true };
        var parameters = new Option<string?>("--params") { Description = "Fixed parameters as JSON, e.g. {\"n_estimators\": 20}" };
        var grid = new Option<string?>("--grid") { Description = "Parameter grid (JSON) searched with cross-validation inside each group" };
        var cv = new Option<int>("--cv") { Description = "Folds of the search inside each group (with --grid)", DefaultValueFactory = _ => 5 };
        var target = new Option<string>("--target") { Description = "Target column", DefaultValueFactory = _ => "target" };
        var output = new Option<string>("--out", "-o") { Description = "Folder for groups.csv and one model file per group (workers that see it write their models there themselves)", Required = true };
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var jobs = CommonOptions.Jobs();
        var onWorkers = PredictCommand.DataOnWorkersOption();
        var columnFlags = new DataOptions();
        var inferRows = CommonOptions.InferRows("the --group-by column");
        var command = new Command("fit-groups", "Fit one model per group of rows")
        {
            data, groupBy, estimatorName, parameters, grid, cv, target, columnFlags.Drop, columnFlags.Features, inferRows, output, cluster, clusterKey, jobs, onWorkers,
        };
        command.SetAction(async (parse, ct) =>
        {
            var estimator = EstimatorFactory.Create(parse.GetRequiredValue(estimatorName));
            if (parse.GetValue(parameters) is { } json)
                foreach (var (name, value) in ParseParams(json)) estimator.SetParam(name, value);
            CommonOptions.CheckInferRows(parse.GetValue(inferRows));
            if (parse.GetValue(grid) is not null && parse.GetValue(cv) < 2) throw new UsageException($"--cv must be at least 2; got {parse.GetValue(cv)}.");
            string dataPath = Data.BundledDatasets.FilePath(parse.GetRequiredValue(data));
            var executor = await ExecutorFactory.CreateAsync(parse.GetValue(cluster), parse.GetValue(jobs),
                message => AnsiConsole.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, parse.GetValue(clusterKey));
            var columnChoices = columnFlags.Read(parse);
            IReadOnlyList<GroupFit> fits;
            bool textKeys;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var models = new ModelWriter(parse.GetRequiredValue(output));
            try
            {
                var trainOptions = new GroupTrainOptions
                {
                    GroupBy = parse.GetRequiredValue(groupBy), Target = parse.GetValue(target) ?? "target", Grid = parse.GetValue(grid), Cv = parse.GetValue(cv),
                    Exclude = columnChoices.Drop, Features = columnChoices.Features,
                    DataOnWorkers = parse.GetValue(onWorkers), Drop = models.Drop, Received = models.Write, InferRows = parse.GetValue(inferRows),
                };
                fits = await GroupTrainer.RunAsync(executor, dataPath, EstimatorSpec.Of(estimator), trainOptions, ct);
                textKeys = GroupTrainer.GroupColumnHoldsText(dataPath, trainOptions);
            }
            finally
            {
                if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
            Write(parse.GetRequiredValue(output), fits, models, parse.GetRequiredValue(groupBy), parse.GetValue(target) ?? "target", textKeys);
            Summarize(fits, clock.Elapsed, parse.GetRequiredValue(output));
            return fits.All(f => f.Ok) ? 0 : 3;
        });
        return command;
    }

    private static Dictionary<string, object?> ParseParams(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new UsageException("--params must be a JSON object, e.g. {\"max_depth\": 3}.");
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => RawJson.ToRaw(p.Value));
        }
        catch (JsonException e)
        {
            throw new UsageException($"--params is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// Gathers the groups' model files under models/ as fits arrive (so the models are not all held until the end): the
    /// tasks that see that folder write their files into it themselves (<see cref="ModelDrop"/>), the others' bytes are
    /// written here as files of the same drop (so what a killed run left is swept as the tasks' files are). The final
    /// names, models/&lt;group&gt;.scalearn with "~2", "~3" for keys that clean to the same name, are given in the groups'
    /// order by <see cref="Name"/>, so they do not depend on the order fits arrive in. Disposing deletes the files that
    /// never got a name, and the folders this writer created if the run failed before writing groups.csv (a run that
    /// failed part-way leaves no partial model files).
    /// </summary>
    private sealed class ModelWriter : IDisposable
    {
        private readonly string _folder, _models;
        private readonly bool _createdFolder, _createdModels;
        private readonly Dictionary<string, (string Temp, double[]? Classes)> _written = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public ModelWriter(string folder)
        {
            if (File.Exists(folder)) throw new UsageException($"--out {folder} is a file: fit-groups writes a folder (groups.csv, fit-groups.json and models/); name a folder.");
            _folder = folder;
            _models = Path.Combine(folder, "models");
            _createdFolder = !Directory.Exists(folder);
            _createdModels = !Directory.Exists(_models);
            Drop = ModelDrop.Open(_models);
        }

        public ModelDrop Drop { get; }

        public GroupFit Write(GroupFit fit)
        {
            if (fit.ModelFile is { } written)
            {
                _written[fit.Key] = (written, fit.Classes);
                return fit;
            }
            if (fit.Model is null) return fit;
            _written[fit.Key] = (Drop.Write(fit.Model), fit.Classes);
            return fit with { Model = null };
        }

        /// <summary>Moves the group's model file to its final name (call in the groups' order) and returns that name and the model's classes.</summary>
        public (string? File, double[]? Classes) Name(string key)
        {
            if (!_written.Remove(key, out var written)) return (null, null);
            string name = FileName(key);
            for (int n = 2; !_used.Add(name); n++) name = FileName(key) + "~" + n;
            File.Move(written.Temp, Path.Combine(_models, name + ".scalearn"), overwrite: true);
            return ("models/" + name + ".scalearn", written.Classes);
        }

        public void Dispose()
        {
            foreach (var (temp, _) in _written.Values) File.Delete(temp);
            _written.Clear();
            Drop.Dispose();
            if (File.Exists(Path.Combine(_folder, GroupModels.TableName))) return;
            if (_createdModels && !Directory.EnumerateFileSystemEntries(_models).Any()) Directory.Delete(_models);
            if (_createdFolder && !Directory.EnumerateFileSystemEntries(_folder).Any()) Directory.Delete(_folder);
        }
    }

    /// <summary>
    /// groups.csv and the manifest 'predict --model FOLDER' reads (the group-by column, each group's model file and
    /// classes) in <paramref name="folder"/>, in the groups' order, each file written whole then renamed.
    /// </summary>
    private static void Write(string folder, IReadOnlyList<GroupFit> fits, ModelWriter models, string groupBy, string target, bool textKeys)
    {
        var manifest = new List<(string, string?, double[]?)>(fits.Count);
        foreach (var fit in fits)
        {
            var (file, classes) = fit.Ok ? models.Name(fit.Key) : (null, null);
            manifest.Add((fit.Key, file, classes));
        }
        GroupModels.WriteManifest(folder, groupBy, target, manifest, textKeys);
        using var table = new AtomicOutput(Path.Combine(folder, GroupModels.TableName));
        using (var writer = TableWriter.Create(table.TempPath))
            writer.Write(new TableColumn[]
            {
                new StringColumn("group", fits.Select(f => (string?)f.Key).ToArray()),
                new LongColumn("rows", fits.Select(f => (long)f.Rows).ToArray()),
                new DoubleColumn("score", fits.Select(f => f.Score).ToArray()),
                new StringColumn("params", fits.Select(f => (string?)f.Params).ToArray()),
                new DoubleColumn("fit_seconds", fits.Select(f => Math.Round(f.FitSeconds, 4)).ToArray()),
                new StringColumn("status", fits.Select(f => (string?)(f.Ok ? "ok" : "failed")).ToArray()),
                new StringColumn("error", fits.Select(f => f.Error ?? "").ToArray()),
            });
        table.Commit();
    }

    /// <summary>A group key as a file name: characters other than letters, digits, '.', '-' and '_' become '_'.</summary>
    private static string FileName(string key)
    {
        var name = new StringBuilder(key.Length);
        foreach (char c in key) name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return name.Length == 0 || name[0] == '.' ? "_" + name : name.ToString();
    }

    private static void Summarize(IReadOnlyList<GroupFit> fits, TimeSpan elapsed, string folder)
    {
        var table = new Table().AddColumns("group", "rows", "score", "fit s", "status");
        foreach (var f in fits.Where(f => !f.Ok).Concat(fits.Where(f => f.Ok)).Take(20))
            table.AddRow(Markup.Escape(f.Key), f.Rows.ToString(CultureInfo.InvariantCulture), f.Score.ToString("F4", CultureInfo.InvariantCulture),
                f.FitSeconds.ToString("F2", CultureInfo.InvariantCulture), f.Ok ? "ok" : "[red]failed[/]: " + Markup.Escape(f.Error ?? ""));
        AnsiConsole.Write(table);
        int failed = fits.Count(f => !f.Ok);
        AnsiConsole.MarkupLineInterpolated(
            $"{fits.Count - failed} of {fits.Count} groups fitted in {elapsed.TotalSeconds:F1} s ({fits.Count / Math.Max(elapsed.TotalSeconds, 1e-9):F1} models/s){(failed > 0 ? $", {failed} failed" : "")}; {Path.Combine(folder, GroupModels.TableName)}");
    }
}
