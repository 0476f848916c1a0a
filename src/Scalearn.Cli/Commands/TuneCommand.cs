using System.CommandLine;
using System.Globalization;
using Scalearn.Cli.Console;
using Scalearn.Cli.Tune;
using Scalearn.Cluster;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Metrics;
using Scalearn.ModelSelection;
using Spectre.Console;

namespace Scalearn.Cli.Commands;

/// <summary>scalearn tune: hyperparameter search with cross-validation (grid, random, TPE, halving, ASHA, Hyperband), locally or on a cluster.</summary>
public static class TuneCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        var target = CommonOptions.Target();
        var columns = new DataOptions();
        var estimator = new Option<string>("--estimator", "-e")
        {
            Description = "Estimator name, comma-separated names for a pipeline, or a spec as JSON or @file.json " +
                "({\"estimator\": \"Pipeline\", \"params\": {\"steps\": ...}} for a ColumnTransformer pipeline). " +
                $"Known: {string.Join(", ", EstimatorRegistry.Names)}",
            Required = true,
        };
        var search = new Option<string?>("--search") { Description = "grid (default), random, tpe, halving, asha or hyperband" };
        var grid = new Option<string?>("--grid", "-g")
        {
            Description = "Parameter grid as a JSON object (or list of objects), or @file.json. With --random, values may be {\"uniform\":[lo,hi]}, {\"loguniform\":[lo,hi]}, {\"randint\":[lo,hi]}",
        };
        var space = new Option<string?>("--space")
        {
            Description = "Search space (tpe, random, asha, hyperband, halving): JSON or @file.json, e.g. {\"svc__C\":{\"loguniform\":[0.001,1000]},\"kernel\":[\"rbf\",\"poly\"]," +
                "\"degree\":{\"randint\":[2,5],\"when\":{\"kernel\":\"poly\"}}}; a parameter with \"when\" exists only when its parent has that value",
        };
        var random = new Option<int?>("--random") { Description = "Randomized search over --grid: sample this many candidates" };
        var nTrials = new Option<int?>("--n-trials") { Description = "Candidates to evaluate (tpe, random with --space: default 100; asha: configurations, default 60)" };
        var timeout = new Option<string?>("--timeout") { Description = "No new candidate after this long, e.g. 10m (tpe, random with --space)" };
        var earlyStop = new Option<int?>("--early-stop") { Description = "Stop after this many candidates without a better score (tpe, random with --space)" };
        var parallel = new Option<int?>("--parallel") { Description = "Candidates in flight at once (tpe, asha, random with --space; default: the executor's slots)" };
        var seed = new Option<int>("--seed") { Description = "Seed for random candidates, shuffled splits and every estimator whose random_state is unset", DefaultValueFactory = _ => 0 };
        var cv = new Option<string>("--cv") { Description = CvSpec.Help, DefaultValueFactory = _ => "5" };
        var groups = new Option<string?>("--groups") { Description = "Column of group labels for --cv group:K (kept out of the features)" };
        var scoring = new Option<string?>("--scoring") { Description = $"Scorer (default: accuracy for classifiers, r2 for regressors). Known: {string.Join(", ", Scorers.Names)}" };
        var jobs = CommonOptions.Jobs();
        var cluster = CommonOptions.Cluster();
        var clusterKey = CommonOptions.ClusterKey();
        var output = new Option<string>("--out", "-o") { Description = "Directory for cv_results.csv, cv_results.json, trials.csv and best_model.scalearn", DefaultValueFactory = _ => "tune-results" };
        var force = new Option<bool>("--force") { Description = "Overwrite the results of a previous run in --out" };
        var top = new Option<int>("--top") { Description = "Candidates shown in the table", DefaultValueFactory = _ => 10 };
        var errorScore = new Option<string>("--error-score") { Description = "Score of a failed fit: nan, a number, or raise", DefaultValueFactory = _ => "nan" };
        var trainScore = new Option<bool>("--train-score") { Description = "Also record training scores" };
        var journal = new Option<string?>("--journal") { Description = "Search journal (SQLite): every candidate and fit is recorded as it happens; the same command with the same journal resumes" };
        var report = new Option<bool>("--report") { Description = "Also write DIR/report.html (see scalearn report)" };
        var factor = new Option<int?>("--factor") { Description = "halving: candidates kept per rung 1/factor (default 3); asha, hyperband: eta (default 3)" };
        var resource = new Option<string?>("--resource") { Description = "halving: n_samples (default) or an integer parameter such as n_estimators" };
        var minResources = new Option<string?>("--min-resources") { Description = "halving: exhaust (default with --grid), smallest (default with --space) or a count; asha, hyperband: epochs of the first rung (default 1)" };
        var maxResources = new Option<string?>("--max-resources") { Description = "halving: auto (default) or a count; asha, hyperband: epochs of the last rung (default 27)" };
        var aggressive = new Option<bool>("--aggressive-elimination") { Description = "halving: eliminate until the last rung even when resources run short" };

        var command = new Command("tune", "Search hyperparameters with cross-validation and save the best model")
        {
            data, target, estimator, search, grid, space, random, nTrials, timeout, earlyStop, parallel, seed, cv, groups, scoring, jobs, cluster,
            clusterKey, output, force, top, errorScore, trainScore, journal, report, factor, resource, minResources, maxResources, aggressive,
        };
        foreach (var option in columns.All) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var request = new TuneRequest
            {
                Data = parse.GetRequiredValue(data), Target = parse.GetValue(target) ?? "target", Estimator = parse.GetRequiredValue(estimator),
                Columns = columns.Read(parse),
                Search = parse.GetValue(search), Grid = Text(parse.GetValue(grid)), Space = Text(parse.GetValue(space)), Random = parse.GetValue(random),
                NTrials = parse.GetValue(nTrials), Timeout = parse.GetValue(timeout) is { } t ? Units.Duration(t, "--timeout") : null,
                EarlyStop = parse.GetValue(earlyStop), Parallel = parse.GetValue(parallel), Seed = parse.GetValue(seed), Cv = parse.GetValue(cv) ?? "5",
                Groups = parse.GetValue(groups), Scoring = parse.GetValue(scoring), Jobs = parse.GetValue(jobs), Cluster = parse.GetValue(cluster),
                ClusterKey = parse.GetValue(clusterKey), Out = parse.GetValue(output) ?? "tune-results", Force = parse.GetValue(force),
                Top = Math.Max(1, parse.GetValue(top)), ErrorScore = ParseErrorScore(parse.GetValue(errorScore) ?? "nan"), TrainScore = parse.GetValue(trainScore),
                Journal = parse.GetValue(journal), Report = parse.GetValue(report), Factor = parse.GetValue(factor), Resource = parse.GetValue(resource),
                MinResources = parse.GetValue(minResources), MaxResources = parse.GetValue(maxResources), AggressiveElimination = parse.GetValue(aggressive),
            };
            return await RunAsync(request, console, console.Profile.Capabilities.Interactive, ct);
        });
        return command;
    }

    private static string? Text(string? value) => value is null ? null : GridText.Read(value);

    public static async Task<int> RunAsync(TuneRequest r, IAnsiConsole console, bool interactive, CancellationToken ct)
    {
        if (r.Random is < 1) throw new UsageException($"--random must be at least 1; got {r.Random}.");
        bool resuming = r.Journal is not null && File.Exists(r.Journal);
        TuneOutput.CheckWritable(r.Out, r.Force || resuming);
        var estimator = EstimatorFactory.Create(r.Estimator);
        bool classifier = EstimatorTraits.IsClassifier(estimator);
        string scorer = r.Scoring ?? (classifier ? "accuracy" : "r2");
        Scorers.Get(scorer);
        var search = SearchFactory.Create(r, estimator);

        bool timeSplit = r.Cv.StartsWith("time:", StringComparison.OrdinalIgnoreCase);
        string? timeColumn = timeSplit ? r.Cv[5..].Split(',')[0].Trim() : null;
        var loaded = r.Columns.Load(r.Data, r.Target, keepText: r.Groups is not null || timeSplit,
            extraColumns: new[] { r.Groups, timeColumn }.OfType<string>());
        CvSpec cv;
        try
        {
            cv = CvSpec.Parse(r.Cv, classifier, r.Seed, [.. loaded.FeatureNames, .. loaded.TextColumns.Keys]);
        }
        catch (FormatException e)
        {
            throw new UsageException("--cv: " + e.Message);
        }
        if (cv.NeedsGroups && r.Groups is null) throw new UsageException($"--cv {r.Cv} needs --groups COL, the column of group labels.");
        var (dataset, columns) = SplitColumns.Extract(loaded, r.Groups, cv.TimeColumn);
        // Every check that needs the data runs here, before the banner and before any executor starts.
        TaskChecks.Check(estimator, [scorer], dataset.RequireTarget(), dataset.TargetName, dataset.ClassNames);

        search.Cv = cv.Splitter;
        search.SplitColumns = columns;
        search.Scoring = [scorer];
        search.Seed = r.Seed;
        search.ErrorScore = r.ErrorScore;
        search.ReturnTrainScore = r.TrainScore;
        search.Journal = r.Journal;
        var progress = new LatestProgress();
        search.Progress = progress;
        search.Finished = new Finished(scores => progress.ReportScore(scores.MeanTestScore));
        var executor = await ExecutorFactory.CreateAsync(r.Cluster, r.Jobs, message => console.MarkupLineInterpolated($"[yellow]{message}[/]"), ct, r.ClusterKey);
        search.Executor = executor;

        string resume = resuming ? $", resuming {r.Journal}" : "";
        console.MarkupLineInterpolated($"Tuning [bold]{estimator.TypeName}[/] ({r.Kind} search) on [bold]{dataset.Name ?? r.Data}[/] ({dataset.Count} rows, {dataset.FeatureCount} features), {cv.Description}, scoring {scorer}, {Where(r)}{resume}");
        SearchResult result;
        try
        {
            result = await ProgressDisplay.RunAsync(console, progress, () => search.FitAsync(dataset, ct), interactive);
        }
        finally
        {
            if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }

        TuneOutput.WriteResults(result, r.Out);
        if (result.CvResults.Count > 0) console.Write(ResultsTable.Build(result.CvResults, r.Top));
        if (!result.Completed)
        {
            string hint = r.Journal is null ? "" : $"; run the same command to resume from {r.Journal}";
            console.MarkupLineInterpolated($"[yellow]Cancelled after {result.Elapsed.TotalSeconds:F1} s: {result.CvResults.Count} finished candidates written to {r.Out}{hint}[/]");
            return 130;
        }
        console.MarkupLineInterpolated($"Best {scorer}: [bold green]{result.BestScore.ToString("F4", CultureInfo.InvariantCulture)}[/] with {FormatParams(result.BestParams)}");
        if (TuneOutput.WriteModel(result, r.Out) is { } modelPath)
            console.MarkupLineInterpolated($"Refitted best model saved to {modelPath}");
        console.MarkupLineInterpolated($"{result.CvResults.Count} candidates in {result.Elapsed.TotalSeconds:F1} s; results in {Path.Combine(r.Out, "cv_results.csv")}, cv_results.json and trials.csv");
        if (r.Report) console.MarkupLineInterpolated($"Report written to {TuneOutput.WriteReport(r.Out)}");
        return 0;
    }

    private static string Where(TuneRequest r) =>
        ExecutorFactory.ClusterUri(r.Cluster) is string uri ? $"on cluster {ClusterAddress.Mask(uri)}"
            : r.Jobs == -1 ? $"on {Environment.ProcessorCount} cores" : $"on {r.Jobs} parallel jobs";

    /// <summary>Best parameters as scikit-learn users read best_params_: a Python dict.</summary>
    public static string FormatParams(IReadOnlyDictionary<string, object?> parameters) => ParamConverter.FormatPython(parameters);

    public static double? ParseErrorScore(string text) => text.Trim().ToLowerInvariant() switch
    {
        "raise" => null,
        "nan" => double.NaN,
        var s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new UsageException($"--error-score must be nan, raise or a number; got '{text}'."),
    };

    private sealed class Finished(Action<CandidateScores> report) : IProgress<CandidateScores>
    {
        public void Report(CandidateScores value) => report(value);
    }
}
