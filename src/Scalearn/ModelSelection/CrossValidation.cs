using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.ModelSelection;

/// <summary>scikit-learn's cross_validate, as a one-candidate search on the same job and executors.</summary>
public static class CrossValidation
{
    public static CrossValidateResult CrossValidate(IEstimator estimator, Dataset data, ICrossValidator? cv = null,
        IReadOnlyList<string>? scoring = null, ITaskExecutor? executor = null, bool returnTrainScore = false, int seed = 0) =>
        Task.Run(() => CrossValidateAsync(estimator, data, cv, scoring, executor, returnTrainScore, seed)).GetAwaiter().GetResult();

    public static async Task<CrossValidateResult> CrossValidateAsync(IEstimator estimator, Dataset data, ICrossValidator? cv = null,
        IReadOnlyList<string>? scoring = null, ITaskExecutor? executor = null, bool returnTrainScore = false, int seed = 0,
        CancellationToken ct = default, SplitColumns? columns = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(data);
        var scorers = (scoring is { Count: > 0 } ? scoring : ["score"]).Select(Metrics.Scorers.Get).ToArray();
        Metrics.TaskChecks.Check(estimator, scorers.Select(s => s.Name).ToArray(), data.RequireTarget(), data.TargetName, data.ClassNames);
        var folds = (cv ?? SearchBase.DefaultCv(estimator)).Split(data, columns ?? SplitColumns.None);
        var run = new SearchRun
        {
            Data = data, Folds = folds, Estimator = estimator, Scorers = scorers, ReturnTrainScore = returnTrainScore,
            ErrorScore = double.NaN, Executor = executor ?? new LocalExecutor(), Seed = seed, ExpectedCandidates = 1,
        };
        var (completed, cancelled) = await run.RunAsync(new TunerSource(new SequenceTuner([new Dictionary<string, object?>()])), ct).ConfigureAwait(false);
        if (cancelled) throw new OperationCanceledException(ct);
        SearchRun.ThrowIfAllFailed(completed);
        return new CrossValidateResult(completed[0], folds);
    }
}
