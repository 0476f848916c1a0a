using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>
/// Runs every (candidate, split) fit of some prepared candidates through an executor and gathers the results per
/// candidate. Shared by the searches and by <see cref="CrossValidation"/>.
/// </summary>
internal sealed class CandidateRunner
{
    public required Dataset Data { get; init; }
    public required Folds Folds { get; init; }
    public required IReadOnlyList<string> Scoring { get; init; }
    public required bool ReturnTrainScore { get; init; }
    /// <summary>Score recorded for failed fits; null = raise on the first failure.</summary>
    public required double? ErrorScore { get; init; }
    public required ITaskExecutor Executor { get; init; }
    public IProgress<ExecutionProgress>? Progress { get; init; }

    public sealed record Prepared(int Index, IReadOnlyDictionary<string, object?> Params, EstimatorSpec Spec);

    /// <summary>The candidates whose every split finished, in input order, and whether the run was cancelled.</summary>
    public async Task<(IReadOnlyList<CandidateScores> Completed, bool Cancelled)> RunAsync(IReadOnlyList<Prepared> candidates, CancellationToken ct)
    {
        int splits = Folds.Count;
        var position = new Dictionary<int, int>();
        for (int i = 0; i < candidates.Count; i++) position.Add(candidates[i].Index, i);
        var tasks = new List<FitTask>(candidates.Count * splits);
        foreach (var c in candidates)
            for (int s = 0; s < splits; s++) tasks.Add(new FitTask(c.Index, s, c.Spec, Scoring, ReturnTrainScore));

        var results = new FitResult?[candidates.Count, splits];
        var remaining = new int[candidates.Count];
        Array.Fill(remaining, splits);
        int outstanding = tasks.Count;
        bool cancelled = false;
        try
        {
            await foreach (var result in Executor.RunAsync(new TaskBatch(Data, Folds, tasks), Progress, ct).ConfigureAwait(false))
            {
                if (!position.TryGetValue(result.Candidate, out int p) || result.Split < 0 || result.Split >= splits || results[p, result.Split] is not null)
                    continue;
                if (result.Error is not null && ErrorScore is null)
                    throw new SearchFitException($"Fit failed for candidate {result.Candidate} ({Describe(candidates[p].Params)}) on split {result.Split}: {result.Error}");
                results[p, result.Split] = result;
                remaining[p]--;
                outstanding--;
                if (outstanding == 0) break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            cancelled = true;
        }
        if (outstanding > 0 && !cancelled)
        {
            if (!ct.IsCancellationRequested)
                throw new InvalidOperationException($"The executor finished with {outstanding} of {tasks.Count} tasks missing.");
            cancelled = true;
        }

        var completed = new List<CandidateScores>();
        for (int p = 0; p < candidates.Count; p++)
            if (remaining[p] == 0) completed.Add(Collect(candidates[p], Enumerable.Range(0, splits).Select(s => results[p, s]!).ToArray()));
        return (completed, cancelled);
    }

    private CandidateScores Collect(Prepared candidate, FitResult[] bySplit)
    {
        int splits = bySplit.Length;
        double fill = ErrorScore ?? double.NaN;
        var test = new double[Scoring.Count][];
        var train = ReturnTrainScore ? new double[Scoring.Count][] : null;
        for (int k = 0; k < Scoring.Count; k++)
        {
            test[k] = bySplit.Select(r => r.Error is null ? r.TestScores[k] : fill).ToArray();
            if (train is not null) train[k] = bySplit.Select(r => r.Error is null ? r.TrainScores![k] : fill).ToArray();
        }
        return new CandidateScores(candidate.Index, candidate.Params, Scoring, test, train,
            bySplit.Select(r => r.FitSeconds).ToArray(), bySplit.Select(r => r.ScoreSeconds).ToArray(), bySplit.Select(r => r.Error).ToArray());
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
            throw new ArgumentException($"Estimator {estimator.TypeName} is not registered ([RegisteredEstimator]), so its fits cannot be run by name.");
        return EstimatorSpec.Of(estimator);
    }
}
