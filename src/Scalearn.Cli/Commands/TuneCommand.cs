using System.CommandLine;
using System.Globalization;
using Scalearn.Cli.Console;
using Scalearn.Cluster;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Metrics;
using Scalearn.ModelSelection;
using Scalearn.Persistence;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn tune: grid or randomized search with cross-validation, locally or on a cluster.</summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var target = CommonOptions.Target();
        var estimator = new Option<string>("--estimator", "-e")
        {
            Description = $"Estimator name, or comma-separated names for a pipeline. Known: {string.Join(", ", EstimatorRegistry.Names)}",
            Required = true,
        };
        var grid = new Option<string>("--grid", "-g")
        {
            Description = "Parameter grid as a JSON object (or list of objects), or @file.json. With --random, values may be {\"uniform\":[lo,hi]}, {\"loguniform\":[lo,hi]}, {\"randint\":[lo,hi]}",
            Required = true,
        };
        var random = new Option<int?>("--random") { Description = "Randomized search: sample this many candidates instead of the full grid" };
        var seed = new Option<int>("--seed") { Description = "Seed for random candidates, shuffled splits and every estimator whose random_state is unset", DefaultValueFactory = _ => 0 };
        var cv = new Option<int>("--cv") { Description = "Number of cross-validation folds (stratified for classifiers)", DefaultValueFactory = _ => 5 };
        var scoring = new Option<string?>("--scoring") { Description = $"Scorer (default: accuracy for classifiers, r2 for regressors). Known: {string.Join(", ", Scorers.Names)}" };
        var jobs = CommonOptions.Jobs();
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var output = new Option<string>("--out", "-o") { Description = "Directory for cv_results.csv, cv_results.json and best_model.scalearn", DefaultValueFactory = _ => "tune-results" };
        var top = new Option<int>("--top") { Description = "Candidates shown in the table", DefaultValueFactory = _ => 10 };
        var errorScore = new Option<string>("--error-score") { Description = "Score of a failed fit: nan, a number, or raise", DefaultValueFactory = _ => "nan" };
        var trainScore = new Option<bool>("--train-score") { Description = "Also record training scores" };

        var command = new Command("tune", "Search hyperparameters with cross-validation and save the best model")
        {
            data, target, estimator, grid, random, seed, cv, scoring, jobs, cluster, clusterKey, output, top, errorScore, trainScore,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var options = new TuneOptions(
                parse.GetRequiredValue(data), parse.GetValue(target) ?? "target", parse.GetRequiredValue(estimator),
                GridText.Read(parse.GetRequiredValue(grid)), parse.GetValue(random), parse.GetValue(seed), parse.GetValue(cv),
                parse.GetValue(scoring), parse.GetValue(jobs), parse.GetValue(cluster), parse.GetValue(output) ?? "tune-results",
                ParseErrorScore(parse.GetValue(errorScore) ?? "nan"), parse.GetValue(trainScore)) { ClusterKey = parse.GetValue(clusterKey) };
            return await RunAsync(options, console, Math.Max(1, parse.GetValue(top)), console.Profile.Capabilities.Interactive, ct);
        });
        return command;
    }

    public sealed record TuneOptions(string Data, string Target, string Estimator, string Grid, int? Random, int Seed, int Cv,
        string? Scoring, int Jobs, string? Cluster, string Out, double? ErrorScore, bool TrainScore)
    {
        public string? ClusterKey { get; init; }
    }

    public static async Task<int> RunAsync(TuneOptions o, IAnsiConsole console, int top, bool interactive, CancellationToken ct)
    {
        if (o.Cv < 2) throw new UsageException($"--cv must be at least 2; got {o.Cv}.");
        if (o.Random is < 1) throw new UsageException($"--random must be at least 1; got {o.Random}.");
        var dataset = BundledDatasets.Load(o.Data, o.Target);
        var estimator = EstimatorFactory.Create(o.Estimator);
        bool classifier = EstimatorTraits.IsClassifier(estimator);
        string scorer = o.Scoring ?? (classifier ? "accuracy" : "r2");
        Scorers.Get(scorer);

        SearchBase search = o.Random is int n
            ? new RandomizedSearch(estimator, ParamDistributions.Parse(o.Grid), n)
            : new GridSearch(estimator, ParamGrid.Parse(o.Grid));
        search.Cv = classifier ? new StratifiedKFold(o.Cv, shuffle: true, randomState: o.Seed) : new KFold(o.Cv, shuffle: true, randomState: o.Seed);
        search.Scoring = [scorer];
        search.Seed = o.Seed;
        search.ErrorScore = o.ErrorScore;
        search.ReturnTrainScore = o.TrainScore;
        var progress = new LatestProgress();
        search.Progress = progress;
        var executor = await ExecutorFactory.CreateAsync(o.Cluster, o.Jobs, message => console.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, o.ClusterKey);
        search.Executor = executor;

        console.MarkupLineInterpolated($"Tuning [bold]{estimator.TypeName}[/] on [bold]{dataset.Name ?? o.Data}[/] ({dataset.Count} rows, {dataset.FeatureCount} features), {o.Cv}-fold CV, scoring {scorer}, {Where(o)}");
        SearchResult result;
        try
        {
            result = await ProgressDisplay.RunAsync(console, progress, () => search.FitAsync(dataset, ct), interactive);
        }
        finally
        {
            if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }

        Directory.CreateDirectory(o.Out);
        WriteResults(result, o.Out);
        if (result.CvResults.Count > 0) console.Write(ResultsTable.Build(result.CvResults, top));
        if (!result.Completed)
        {
            console.MarkupLineInterpolated($"[yellow]Cancelled after {result.Elapsed.TotalSeconds:F1} s: {result.CvResults.Count} finished candidates written to {o.Out}[/]");
            return 130;
        }
        console.MarkupLineInterpolated($"Best {scorer}: [bold green]{result.BestScore.ToString("F4", CultureInfo.InvariantCulture)}[/] with {FormatParams(result.BestParams)}");
        if (result.BestModel is IPersistableModel model)
        {
            var path = Path.Combine(o.Out, "best_model.scalearn");
            ModelFile.Save(path, model, result.BestSpec!, dataset.FeatureNames);
            console.MarkupLineInterpolated($"Refitted best model saved to {path}");
        }
        console.MarkupLineInterpolated($"{result.CvResults.Count} candidates in {result.Elapsed.TotalSeconds:F1} s; results in {Path.Combine(o.Out, "cv_results.csv")} and cv_results.json");
        return 0;
    }

    private static void WriteResults(SearchResult result, string dir)
    {
        using (var csv = new StreamWriter(Path.Combine(dir, "cv_results.csv"))) result.CvResults.WriteCsv(csv);
        using var json = File.Create(Path.Combine(dir, "cv_results.json"));
        result.CvResults.WriteJson(json);
    }

    private static string Where(TuneOptions o) =>
        ExecutorFactory.ClusterUri(o.Cluster) is string uri ? $"on cluster {ClusterAddress.Mask(uri)}"
            : o.Jobs == -1 ? $"on {Environment.ProcessorCount} cores" : $"on {o.Jobs} parallel jobs";

    public static string FormatParams(IReadOnlyDictionary<string, object?> parameters) =>
        parameters.Count == 0 ? "default parameters" : string.Join(", ", parameters.Select(kv => $"{kv.Key}={Estimators.ParamConverter.Format(kv.Value)}"));

    public static double? ParseErrorScore(string text) => text.Trim().ToLowerInvariant() switch
    {
        "raise" => null,
        "nan" => double.NaN,
        var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new UsageException($"--error-score must be nan, raise or a number; got '{text}'."),
    };
}
