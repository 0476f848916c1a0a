using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>
/// Shared machinery of hyperparameter searches: splitting, running candidate fits through <see cref="Executor"/>,
/// cv_results, ranking, error_score and refit. Subclasses only decide which candidates to evaluate, through the
/// <see cref="CandidateEvaluator"/> handed to <see cref="GenerateAsync"/> (which they may call several times).
/// </summary>
public abstract class SearchBase
{
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
    public IProgress<ExecutionProgress>? Progress { get; set; }

    /// <summary>The splits of the last fit.</summary>
    public Folds? Folds { get; private set; }

    public SearchResult Fit(Dataset data, CancellationToken ct = default) =>
        Task.Run(() => FitAsync(data, ct), CancellationToken.None).GetAwaiter().GetResult();

    public async Task<SearchResult> FitAsync(Dataset data, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        var scoring = Scoring.ToArray();
        foreach (var name in scoring) Metrics.Scorers.Get(name);
        data.RequireTarget();
        var folds = (Cv ?? DefaultCv(Estimator)).Split(data);
        Folds = folds;

        var records = new List<CandidateScores>();
        var runner = new CandidateRunner
        {
            Data = data, Folds = folds, Scoring = scoring, ReturnTrainScore = ReturnTrainScore,
            ErrorScore = ErrorScore, Executor = Executor, Progress = Progress,
        };
        int seed = Seed;
        int nextIndex = 0;

        async Task<IReadOnlyList<CandidateScores>> Evaluate(IReadOnlyList<IReadOnlyDictionary<string, object?>> candidates, CancellationToken token)
        {
            // Every candidate is built (names and values validated) before any fit starts.
            var canonical = candidates.Select(CandidateRunner.Canonical).ToArray();
            var specs = canonical.Select(c => CandidateRunner.SpecOf(CandidateRunner.Materialize(Estimator, c, seed))).ToArray();
            // Subclasses may evaluate several batches concurrently: indices and records are shared.
            int first = Interlocked.Add(ref nextIndex, canonical.Length) - canonical.Length;
            var prepared = canonical.Select((c, i) => new CandidateRunner.Prepared(first + i, c, specs[i])).ToArray();
            var (completed, cancelled) = await runner.RunAsync(prepared, token).ConfigureAwait(false);
            lock (records) records.AddRange(completed);
            if (cancelled) throw new OperationCanceledException(token);
            return completed;
        }

        bool finished = true;
        try
        {
            await GenerateAsync(Evaluate, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            finished = false;
        }

        if (finished) CandidateRunner.ThrowIfAllFailed(records);
        var ordered = records.OrderBy(r => r.Index).ToArray();
        var results = new CvResults(ordered, scoring, folds.Count, ReturnTrainScore);
        int best = -1;
        if (results.Count > 0)
        {
            var ranks = results.Numbers($"rank_test_{results.ScoreSuffixes[0]}");
            best = Array.IndexOf(ranks, ranks.Min());
        }

        IModel? model = null;
        double refitSeconds = 0;
        if (Refit && finished && best >= 0)
        {
            var refitClock = Stopwatch.StartNew();
            model = CandidateRunner.Materialize(Estimator, results.Params[best], seed).Fit(data.All);
            refitSeconds = refitClock.Elapsed.TotalSeconds;
        }
        return new SearchResult(results, best, model, finished, clock.Elapsed, refitSeconds);
    }

    /// <summary>Decides the candidates: call <paramref name="evaluate"/> with batches of parameter dictionaries.</summary>
    protected abstract Task GenerateAsync(CandidateEvaluator evaluate, CancellationToken ct);

    public static ICrossValidator DefaultCv(IEstimator estimator) =>
        EstimatorTraits.IsClassifier(estimator) ? new StratifiedKFold(5) : new KFold(5);
}
