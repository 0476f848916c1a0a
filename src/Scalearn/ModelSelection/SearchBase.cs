using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>
/// Shared machinery of hyperparameter searches: splitting, running candidate fits as one job on <see cref="Executor"/>
/// (any number in flight, each candidate's folds as separate tasks), cv_results, ranking, error_score and refit.
/// Subclasses only decide which candidates to evaluate, through the <see cref="SearchPlan"/>'s tuner.
/// </summary>
public abstract class SearchBase
{
    /// <summary>cv_results hold every candidate in memory: a search proposing more is refused up front.</summary>
    public const long MaxCandidates = 1_000_000;

    /// <summary>Candidates built and checked before any fit when a search knows them all.</summary>
    private const int EagerValidationLimit = 10_000;

    protected SearchBase(IEstimator estimator)
    {
        Estimator = estimator ?? throw new ArgumentNullException(nameof(estimator));
    }

    public IEstimator Estimator { get; }
    /// <summary>null = 5 folds: StratifiedKFold for classifiers, else KFold; no shuffle.</summary>
    public ICrossValidator? Cv { get; set; }
    /// <summary>Scorer names (see <see cref="Metrics.Scorers"/>); the first ranks candidates and picks the best.</summary>
    public IReadOnlyList<string> Scoring
    {
        get;
        set => field = value is { Count: > 0 } ? value.ToArray() : throw new ArgumentException("Scoring needs at least one scorer name.", nameof(value));
    } = ["score"];
    public bool Refit { get; set; } = true;
    /// <summary>Score recorded for failed fits; null = "raise".</summary>
    public double? ErrorScore { get; set; } = double.NaN;
    public bool ReturnTrainScore { get; set; }
    public int Seed { get; set; }
    public ITaskExecutor Executor { get; set; } = new LocalExecutor();
    public IProgress<JobProgress>? Progress { get; set; }

    /// <summary>Receives each candidate as soon as its last fold finished (live best scores, dashboards).</summary>
    public IProgress<CandidateScores>? Finished { get; set; }

    /// <summary>
    /// Path of a search journal (SQLite). Every proposed candidate and finished fit is recorded there as it happens;
    /// running the same search again with the same journal resumes it: finished fits are not recomputed and the results
    /// equal an uninterrupted run's. Null = no journal.
    /// </summary>
    public string? Journal { get; set; }

    /// <summary>Per-row values that are not features but that the splitter needs (groups for GroupKFold, a time column).</summary>
    public SplitColumns SplitColumns { get; set; } = SplitColumns.None;

    /// <summary>The splits of the last fit.</summary>
    public Folds? Folds { get; private set; }

    public SearchResult Fit(Dataset data, CancellationToken ct = default) =>
        Task.Run(() => FitAsync(data, ct), CancellationToken.None).GetAwaiter().GetResult();

    public async Task<SearchResult> FitAsync(Dataset data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        var scorers = Scoring.Select(Metrics.Scorers.Get).ToArray();
        Metrics.TaskChecks.Check(Estimator, Scoring, data.RequireTarget(), data.TargetName, data.ClassNames);
        var folds = (Cv ?? DefaultCv(Estimator)).Split(data, SplitColumns);
        Folds = folds;
        var plan = Plan(data, folds);
        if (plan.Count > MaxCandidates)
            throw new ArgumentException($"The search would evaluate {plan.Count:N0} candidates; a search holds at most {MaxCandidates:N0} " +
                "in its cv_results. Use a randomized or adaptive search, or a smaller grid.");
        foreach (var candidate in plan.Validate) SearchRun.SpecOf(SearchRun.Materialize(Estimator, SearchRun.Canonical(candidate), Seed));

        using var journal = Journal is null ? null : OpenJournal(Journal, data, folds, plan);
        var run = new SearchRun
        {
            Data = data, Folds = folds, Estimator = Estimator, Scorers = scorers, ReturnTrainScore = ReturnTrainScore,
            ErrorScore = ErrorScore, Executor = Executor, Seed = Seed, Progress = Progress, Finished = Finished,
            Parallelism = plan.Parallelism ?? int.MaxValue, Budget = Budget, ExpectedCandidates = plan.Count, Journal = journal,
        };
        var (records, cancelled) = await run.RunAsync(plan.Source, ct).ConfigureAwait(false);
        bool finished = !cancelled;
        if (finished) SearchRun.ThrowIfAllFailed(records);
        var results = new CvResults(records, Scoring, folds.Count, ReturnTrainScore);
        int best = results.Count > 0 ? BestIndex(results) : -1;

        IModel? model = null;
        EstimatorSpec? bestSpec = null;
        double refitSeconds = 0;
        if (best >= 0)
        {
            var bestEstimator = SearchRun.Materialize(Estimator, results.Params[best], Seed);
            bestSpec = EstimatorSpec.Of(bestEstimator);
            if (Refit && finished)
            {
                var refitClock = Stopwatch.StartNew();
                model = await RefitModelAsync(bestEstimator, data, ct).ConfigureAwait(false);
                refitSeconds = refitClock.Elapsed.TotalSeconds;
            }
        }
        return new SearchResult(results, best, model, finished, clock.Elapsed, refitSeconds) { BestSpec = bestSpec };
    }

    private Journal.SearchJournal OpenJournal(string path, Dataset data, Folds folds, SearchPlan plan)
    {
        var identity = new Dictionary<string, string>
        {
            ["data"] = data.ContentHash,
            ["folds"] = folds.ContentHash,
            ["estimator"] = EstimatorSpec.Of(Estimator).ToJson(),
            ["candidates"] = plan.Identity,
            ["settings"] = RawJson.ToJson(new SortedDictionary<string, object?>
            {
                ["scoring"] = Scoring.ToArray(), ["seed"] = (long)Seed, ["error_score"] = ErrorScore is { } e ? (double.IsNaN(e) ? "nan" : e) : "raise",
                ["return_train_score"] = ReturnTrainScore, ["budget"] = Budget.ToString(),
            }),
        };
        var info = new Dictionary<string, string>
        {
            ["search"] = GetType().Name, ["estimator_name"] = Estimator.TypeName, ["scoring_names"] = RawJson.ToJson(Scoring.ToArray()),
            ["n_splits"] = folds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["dataset"] = data.Name ?? "",
        };
        return ModelSelection.Journal.SearchJournal.Open(path, identity, info);
    }

    /// <summary>Budgets of adaptive searches; grid and randomized searches evaluate every candidate.</summary>
    protected virtual SearchBudget Budget => SearchBudget.None;

    /// <summary>Decides the candidates: a tuner or candidate source, and what is known of them up front.</summary>
    protected abstract SearchPlan Plan(Dataset data, Folds folds);

    /// <summary>
    /// Fits the best candidate on all the data: on this machine for the local executor; else as a task on the executor
    /// (a warm worker fits it and the model comes back as a model file), falling back to this machine when that fails.
    /// </summary>
    private async Task<IModel> RefitModelAsync(IEstimator best, Dataset data, CancellationToken ct)
    {
        if (Executor is LocalExecutor || !UsesDefaultRefit) return RefitModel(best, data);
        var dataBlob = new DatasetBlob(data);
        await using var job = Executor.Start(FitModelKind.Instance, [dataBlob]);
        job.Submit(new FitModelTask(EstimatorSpec.Of(best), dataBlob.Id));
        job.Complete();
        await foreach (var outcome in job.Results(ct).ConfigureAwait(false))
            if (!outcome.Failed && outcome.Result.Model is { } model) return model;
        return RefitModel(best, data);
    }

    /// <summary>True unless a subclass refits its own way (<see cref="RefitModel"/>), which then always runs here.</summary>
    private bool UsesDefaultRefit => GetType().GetMethod(nameof(RefitModel), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!.DeclaringType == typeof(SearchBase);

    /// <summary>Fits the best candidate on all the data on this machine (epoch-resource searches train it for their full epochs).</summary>
    protected virtual IModel RefitModel(IEstimator best, Dataset data) => best.Fit(data.All);

    /// <summary>The candidate refitted and reported as best: rank 1 of the first scorer (the lowest index on ties).</summary>
    protected virtual int BestIndex(CvResults results)
    {
        var ranks = results.Numbers($"rank_test_{results.ScoreSuffixes[0]}");
        return Array.IndexOf(ranks, ranks.Min());
    }

    /// <summary>A plan over a known list: all of it validated before any fit when it is small enough.</summary>
    protected static SearchPlan PlanOf(IEnumerable<IReadOnlyDictionary<string, object?>> candidates, long count, string identity,
        IEnumerable<IReadOnlyDictionary<string, object?>>? probes = null) => new(new Tuning.SequenceTuner(candidates), count)
    {
        Identity = identity,
        Validate = count <= EagerValidationLimit ? candidates : probes ?? candidates.Take(1),
    };

    public static ICrossValidator DefaultCv(IEstimator estimator) =>
        EstimatorTraits.IsClassifier(estimator) ? new StratifiedKFold(5) : new KFold(5);
}
