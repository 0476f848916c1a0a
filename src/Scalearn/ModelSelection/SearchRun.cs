using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Execution.Blobs;
using Scalearn.Metrics;
using Scalearn.ModelSelection.Journal;

namespace Scalearn.ModelSelection;

/// <summary>
/// Runs a search's candidates as one fit-and-score job: keeps up to <see cref="Parallelism"/> candidates in flight,
/// submits each candidate's CV folds as separate tasks, gathers them per candidate and reports the candidate to its
/// source the moment its last fold finishes, which is when the next one is asked for. With a <see cref="Journal"/>,
/// every proposal and finished task is recorded, and what a previous run finished is read back instead of recomputed.
/// Shared by every search and by <see cref="CrossValidation"/>.
/// </summary>
internal sealed class SearchRun
{
    private const int MaxInFlight = 20_000;

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
    public IProgress<CandidateScores>? Finished { get; init; }
    /// <summary>Candidates in flight at most (a huge grid is generated as it goes, not submitted whole).</summary>
    public int Parallelism { get; init => field = Math.Clamp(value, 1, MaxInFlight); } = MaxInFlight;
    public SearchBudget Budget { get; init; } = SearchBudget.None;
    /// <summary>Candidates the caller expects, for progress totals.</summary>
    public long? ExpectedCandidates { get; init; }
    public SearchJournal? Journal { get; init; }

    public sealed record Outcome(IReadOnlyList<CandidateScores> Completed, bool Cancelled);

    private sealed class Pending(CandidateRequest request, IReadOnlyDictionary<string, object?> parameters, EstimatorSpec spec, int splits)
    {
        public CandidateRequest Request { get; } = request;
        public IReadOnlyDictionary<string, object?> Params { get; } = parameters;
        public EstimatorSpec Spec { get; } = spec;
        public FitResult?[] Results { get; } = new FitResult?[splits];
        public int Remaining { get; set; } = splits;
        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
    }

    public async Task<Outcome> RunAsync(ICandidateSource source, CancellationToken ct)
    {
        if (Folds.Count > FitScoreKind.MaxSplits) throw new ArgumentException($"A search supports at most {FitScoreKind.MaxSplits} splits; got {Folds.Count}.");
        var dataBlob = new DatasetBlob(Data);
        var foldsBlobs = new Dictionary<string, FoldsBlob>(StringComparer.Ordinal) { [Folds.ContentHash] = new FoldsBlob(Folds) };
        long expectedTasks = (ExpectedCandidates ?? 0) * Folds.Count;
        await using var job = Executor.Start(FitScoreKind.Instance, [dataBlob, foldsBlobs[Folds.ContentHash]], new JobOptions
        {
            Progress = Progress, ExpectedTasks = (int)Math.Min(int.MaxValue, expectedTasks),
        });
        var pending = new Dictionary<int, Pending>();
        // What a previous run finished is replayed in the order it finished then, each finish before the proposals that
        // followed it: a source that adapts to the order of results (ASHA) then proposes again what it proposed then.
        var history = Journal?.History() ?? new Dictionary<int, JournalHistory>();
        var replayed = new PriorityQueue<FitResult, (long Finished, int Candidate, int Split)>();
        var completed = new List<CandidateScores>();
        var clock = Stopwatch.StartNew();
        int trial = 0, sinceImprovement = 0;
        double best = double.NegativeInfinity;
        bool cancelled = false;
        var results = job.Results(ct).GetAsyncEnumerator(ct);
        // Cancelling stops the job's fits at once, not when this loop next reads (it can lag far behind the fits while it
        // writes the journal); the fits that finished until then are still read below.
        Task? stopping = null;
        var onCancel = ct.Register(() => stopping = job.DisposeAsync().AsTask());
        try
        {
            try
            {
                while (true)
                {
                    var round = new List<FitTask>();
                    while (pending.Count < Parallelism && !Budget.Spent(trial, clock.Elapsed, sinceImprovement))
                    {
                        // A proposal the previous run never made comes now, while a slot is free, as in a run that was not
                        // interrupted: not after every finish replayed (a cancelled run can record several that its loop never
                        // read, finished before it could propose again).
                        long proposed = history.TryGetValue(trial, out var then) ? then.Proposed : long.MinValue;
                        if (replayed.TryPeek(out var due, out var at) && at.Finished < proposed)
                        {
                            replayed.Dequeue();
                            Accept(due);
                            continue;
                        }
                        if (source.Next(trial) is not { } request) break;
                        var folds = request.Folds ?? Folds;
                        _foldsById.TryAdd(folds.ContentHash, folds);
                        if (!foldsBlobs.ContainsKey(folds.ContentHash))
                        {
                            foldsBlobs[folds.ContentHash] = new FoldsBlob(folds);
                            job.Share(foldsBlobs[folds.ContentHash]);
                        }
                        var canonical = Canonical(request.Params);
                        var spec = SpecOf(Materialize(Estimator, canonical, Seed));
                        pending.Add(trial, new Pending(request, canonical, spec, folds.Count));
                        var done = Recall(trial, request, canonical);
                        long finished = history.TryGetValue(trial, out var before) && before.Finished is { } f ? f : long.MaxValue;
                        foreach (var result in done.Values) replayed.Enqueue(result, (finished, trial, result.Split));
                        for (int s = 0; s < folds.Count; s++)
                            if (!done.ContainsKey(s))
                                round.Add(new FitTask(trial, s, spec, Scorers, ReturnTrainScore, dataBlob.Id, folds.ContentHash) { Epochs = EpochPlanOf(request, s) });
                        trial++;
                    }
                    // Candidates in order (so they finish early), each one's longest fits first (the biggest training folds,
                    // e.g. a time series' last split): they set the candidate's end, so they should not start last.
                    if (round.Count > 0) job.Submit([.. round.OrderBy(t => t.Candidate).ThenByDescending(TrainingRows)]);
                    FitResult next;
                    if (replayed.Count > 0) next = replayed.Dequeue();
                    else
                    {
                        if (pending.Count == 0)
                        {
                            if (!source.Exhausted && !Budget.Spent(trial, clock.Elapsed, sinceImprovement))
                                throw new InvalidOperationException("The search's candidate source proposed nothing although no candidate is in flight.");
                            break;
                        }
                        if (!await results.MoveNextAsync().ConfigureAwait(false))
                        {
                            // The cancellation disposed the job, which may end its results rather than throw (a stop landing
                            // between the read's check of the token and its wait ends them too).
                            ct.ThrowIfCancellationRequested();
                            throw new InvalidOperationException($"The executor ended the job with {pending.Count} candidates unfinished.");
                        }
                        next = Recorded(results.Current);
                    }
                    Accept(next);
                }
                job.Complete();
            }
            // A submit can meet the job already stopped by the cancellation.
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException && ct.IsCancellationRequested)
            {
                cancelled = true;
            }
            if (cancelled)
            {
                await onCancel.DisposeAsync().ConfigureAwait(false);
                await (stopping ?? job.DisposeAsync().AsTask()).ConfigureAwait(false);
                await foreach (var outcome in job.Results(CancellationToken.None).ConfigureAwait(false)) Accept(Recorded(outcome));
                while (replayed.TryDequeue(out var due, out _)) Accept(due);
            }
            Journal?.RecordStatus(cancelled ? "cancelled" : "completed");
        }
        catch
        {
            Journal?.RecordStatus("failed");
            throw;
        }
        finally
        {
            await onCancel.DisposeAsync().ConfigureAwait(false);
            await results.DisposeAsync().ConfigureAwait(false);
        }
        completed.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new Outcome(completed, cancelled);

        FitResult Recorded(TaskOutcome<FitTask, FitResult> outcome)
        {
            var result = outcome.Result;
            Journal?.RecordTask(result.Candidate, result.Split, FitScoreKind.Instance.EncodeResult(result), result.Error, outcome.Worker, outcome.Seconds);
            return result;
        }

        // One fit's result: the candidate is scored and reported to its source when it was the last of its folds.
        void Accept(FitResult next)
        {
            if (!pending.TryGetValue(next.Candidate, out var candidate) || candidate.Results[next.Split] is not null) return;
            if (next.Error is not null && ErrorScore is null)
                throw new SearchFitException($"Fit failed for candidate {next.Candidate} ({Describe(candidate.Params)}) on split {next.Split}: {next.Error}");
            candidate.Results[next.Split] = next;
            if (--candidate.Remaining > 0) return;
            pending.Remove(next.Candidate);
            var scores = Collect(next.Candidate, candidate);
            completed.Add(scores);
            Journal?.RecordScore(scores.Index, scores.MeanTestScore, scores.SplitErrors.All(e => e is not null));
            source.Finished(scores);
            Finished?.Report(scores);
            if (scores.MeanTestScore > best)
            {
                best = scores.MeanTestScore;
                sinceImprovement = 0;
            }
            else sinceImprovement++;
        }
    }

    private readonly Dictionary<string, Folds> _foldsById = new(StringComparer.Ordinal);

    private int TrainingRows(FitTask task) => _foldsById.TryGetValue(task.FoldsId, out var folds) ? folds[task.Split].Train.Length : 0;

    /// <summary>Each run holds its learners under ids of its own, so two searches never continue each other's learners.</summary>
    private readonly string _runId = Guid.NewGuid().ToString("N");

    private EpochPlan? EpochPlanOf(CandidateRequest request, int split) => request.Epochs is { } e
        ? new EpochPlan(e.From, e.To, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{_runId}:{e.Lineage}:{split}"))))
        : null;

    /// <summary>Records the proposal in the journal and returns the results a previous run already finished for it.</summary>
    private IReadOnlyDictionary<int, FitResult> Recall(int trial, CandidateRequest request, IReadOnlyDictionary<string, object?> canonical)
    {
        if (Journal is null) return new Dictionary<int, FitResult>();
        var proposal = new JournalTrial(trial, RawJson.ToJson(canonical), request.Iter, request.NResources);
        if (Journal.Trial(trial) is { } recorded)
        {
            if (recorded != proposal)
                throw new JournalException($"Journal '{Journal.Path}' recorded candidate {trial} as {recorded.Params}" +
                    (recorded.Iter is { } i ? $" (iter {i})" : "") + $", but this search proposes {proposal.Params}: it was written by a different search.");
        }
        else Journal.RecordTrial(proposal);
        var done = new Dictionary<int, FitResult>();
        foreach (var (split, bytes) in Journal.Results(trial))
        {
            try
            {
                done[split] = FitScoreKind.Instance.DecodeResult(bytes);
            }
            catch (InvalidDataException)
            {
                // An unreadable record is recomputed rather than trusted.
            }
        }
        return done;
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
            Started = candidate.Started, Finished = DateTimeOffset.UtcNow, Iter = candidate.Request.Iter, NResources = candidate.Request.NResources,
            EpochsRun = bySplit.Sum(r => r.EpochsRun),
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
