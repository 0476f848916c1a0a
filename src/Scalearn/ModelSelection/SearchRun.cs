using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Metrics;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>
/// Runs a tuner's candidates as one fit-and-score job: keeps up to <see cref="Parallelism"/> candidates in flight,
/// submits each candidate's CV folds as separate tasks, gathers them per candidate and tells the tuner the moment a
/// candidate's last fold finishes, which is when it proposes the next one. Shared by every search and by
/// <see cref="CrossValidation"/>.
/// </summary>
internal sealed class SearchRun
{
    public required Dataset Data { get; init; }
    public required Folds Folds { get; init; }
    public required IEstimator Estimator { get; init; }
    public required IReadOnlyList<IScorer> Scorers { get; init; }
    public required bool ReturnTrainScore { get; init; }
    /// <summary>Score recorded for failed fits; null = raise on the first failure.</summary>
    public required double? ErrorScore { get; init; }
    public required ITaskExecutor Executor { get; init; }
    public required int Seed { get; init; }
    public IProgress<JobProgress>? Progress { get; init; }
    /// <summary>Candidates in flight at most (a huge grid is generated as it goes, not submitted whole).</summary>
    public int Parallelism { get; init => field = Math.Clamp(value, 1, MaxInFlight); } = MaxInFlight;

    private const int MaxInFlight = 20_000;
    public SearchBudget Budget { get; init; } = SearchBudget.None;
    /// <summary>Candidates the caller expects, for progress totals.</summary>
    public long? ExpectedCandidates { get; init; }

    public sealed record Outcome(IReadOnlyList<CandidateScores> Completed, bool Cancelled);

    private sealed class Pending(IReadOnlyDictionary<string, object?> parameters, EstimatorSpec spec, int splits)
    {
        public IReadOnlyDictionary<string, object?> Params { get; } = parameters;
        public EstimatorSpec Spec { get; } = spec;
        public FitResult?[] Results { get; } = new FitResult?[splits];
        public int Remaining { get; set; } = splits;
        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    }

    public async Task<Outcome> RunAsync(ITuner tuner, CancellationToken ct)
    {
        int splits = Folds.Count;
        if (splits > FitScoreKind.MaxSplits) throw new ArgumentException($"A search supports at most {FitScoreKind.MaxSplits} splits; got {splits}.");
        var dataBlob = new DatasetBlob(Data);
        var foldsBlob = new FoldsBlob(Folds);
        long expectedTasks = (ExpectedCandidates ?? 0) * splits;
        await using var job = Executor.Start(FitScoreKind.Instance, [dataBlob, foldsBlob], new JobOptions
        {
            Progress = Progress, ExpectedTasks = (int)Math.Min(int.MaxValue, expectedTasks),
        });
        var pending = new Dictionary<int, Pending>();
        var completed = new List<CandidateScores>();
        var clock = Stopwatch.StartNew();
        int trial = 0, sinceImprovement = 0;
        double best = double.NegativeInfinity;
        bool cancelled = false;
        var results = job.Results(ct).GetAsyncEnumerator(ct);
        try
        {
            while (true)
            {
                var round = new List<FitTask>();
                while (pending.Count < Parallelism && !Budget.Spent(trial, clock.Elapsed, sinceImprovement) && tuner.Propose(trial) is { } proposal)
                {
                    var canonical = Canonical(proposal);
                    var spec = SpecOf(Materialize(Estimator, canonical, Seed));
                    pending.Add(trial, new Pending(canonical, spec, splits));
                    for (int s = 0; s < splits; s++) round.Add(new FitTask(trial, s, spec, Scorers, ReturnTrainScore, dataBlob.Id, foldsBlob.Id));
                    trial++;
                }
                if (round.Count > 0) job.Submit(round);
                if (pending.Count == 0)
                {
                    if (!tuner.Exhausted && !Budget.Spent(trial, clock.Elapsed, sinceImprovement))
                        throw new InvalidOperationException("The tuner proposed nothing although no candidate is in flight.");
                    break;
                }
                if (!await results.MoveNextAsync().ConfigureAwait(false))
                    throw new InvalidOperationException($"The executor ended the job with {pending.Count} candidates unfinished.");
                var result = results.Current.Result;
                if (!pending.TryGetValue(result.Candidate, out var candidate) || candidate.Results[result.Split] is not null) continue;
                if (result.Error is not null && ErrorScore is null)
                    throw new SearchFitException($"Fit failed for candidate {result.Candidate} ({Describe(candidate.Params)}) on split {result.Split}: {result.Error}");
                candidate.Results[result.Split] = result;
                if (--candidate.Remaining > 0) continue;
                pending.Remove(result.Candidate);
                var scores = Collect(result.Candidate, candidate);
                completed.Add(scores);
                double score = scores.MeanTestScore;
                tuner.Tell(result.Candidate, score);
                if (score > best)
                {
                    best = score;
                    sinceImprovement = 0;
                }
                else sinceImprovement++;
            }
            job.Complete();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled = true;
        }
        finally
        {
            await results.DisposeAsync().ConfigureAwait(false);
        }
        completed.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new Outcome(completed, cancelled);
    }

    private CandidateScores Collect(int index, Pending candidate)
    {
        var bySplit = candidate.Results.Select(r => r!).ToArray();
        double fill = ErrorScore ?? double.NaN;
        var test = new double[Scorers.Count][];
        var train = ReturnTrainScore ? new double[Scorers.Count][] : null;
        for (int k = 0; k < Scorers.Count; k++)
        {
            test[k] = bySplit.Select(r => r.Error is null ? r.TestScores[k] : fill).ToArray();
            if (train is not null) train[k] = bySplit.Select(r => r.Error is null ? r.TrainScores![k] : fill).ToArray();
        }
        return new CandidateScores(index, candidate.Params, Scorers.Select(s => s.Name).ToArray(), test, train,
            bySplit.Select(r => r.FitSeconds).ToArray(), bySplit.Select(r => r.ScoreSeconds).ToArray(), bySplit.Select(r => r.Error).ToArray())
        {
            Started = candidate.Started, Finished = DateTimeOffset.UtcNow,
        };
    }

    internal static string Describe(IReadOnlyDictionary<string, object?> parameters) =>
        parameters.Count == 0 ? "no parameters" : string.Join(", ", parameters.Select(kv => $"{kv.Key}={ParamConverter.Format(kv.Value)}"));

    /// <summary>Throws when every recorded fit failed, naming the first error.</summary>
    public static void ThrowIfAllFailed(IReadOnlyList<CandidateScores> records)
    {
        int fits = records.Sum(r => r.SplitErrors.Length);
        if (fits == 0 || records.Any(r => r.SplitErrors.Any(e => e is null))) return;
        throw new SearchFitException($"All the {fits} fits failed. First error: {records[0].Error}");
    }

    /// <summary>A clone with <paramref name="parameters"/> applied and a null random_state replaced by <paramref name="seed"/>.</summary>
    public static IEstimator Materialize(IEstimator estimator, IReadOnlyDictionary<string, object?> parameters, int seed)
    {
        var clone = estimator.Clone();
        foreach (var (name, value) in parameters) clone.SetParam(name, value);
        if (clone is IRandomized { RandomState: null } randomized) randomized.RandomState = seed;
        return clone;
    }

    /// <summary>Parameters in raw form (integers as long, estimators as specs), sorted by name, for cv_results and its files.</summary>
    public static IReadOnlyDictionary<string, object?> Canonical(IReadOnlyDictionary<string, object?> parameters) =>
        new SortedDictionary<string, object?>(parameters.ToDictionary(kv => kv.Key, kv => ParamConverter.ToRaw(kv.Value)), StringComparer.Ordinal);

    public static EstimatorSpec SpecOf(IEstimator estimator)
    {
        if (!EstimatorRegistry.TryGetType(estimator.TypeName, out _))
            throw new ArgumentException($"Estimator {estimator.TypeName} is not registered, so its fits cannot be run by name: " +
                $"call EstimatorRegistry.Register<{estimator.TypeName}>() (and load its assembly on workers with 'scalearn worker --plugin').");
        return EstimatorSpec.Of(estimator);
    }
}
