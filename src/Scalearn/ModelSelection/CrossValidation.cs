using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>scikit-learn's cross_validate, on the same tasks and executors as the searches.</summary>
public static class CrossValidation
{
    public static CrossValidateResult CrossValidate(IEstimator estimator, Dataset data, ICrossValidator? cv = null,
        IReadOnlyList<string>? scoring = null, ITaskExecutor? executor = null, bool returnTrainScore = false, int seed = 0) =>
        Task.Run(() => CrossValidateAsync(estimator, data, cv, scoring, executor, returnTrainScore, seed)).GetAwaiter().GetResult();

    public static async Task<CrossValidateResult> CrossValidateAsync(IEstimator estimator, Dataset data, ICrossValidator? cv = null,
        IReadOnlyList<string>? scoring = null, ITaskExecutor? executor = null, bool returnTrainScore = false, int seed = 0,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(data);
        var scorers = scoring is { Count: > 0 } ? scoring.ToArray() : ["score"];
        foreach (var name in scorers) Metrics.Scorers.Get(name);
        data.RequireTarget();
        var folds = (cv ?? SearchBase.DefaultCv(estimator)).Split(data);
        var runner = new CandidateRunner
        {
            Data = data, Folds = folds, Scoring = scorers, ReturnTrainScore = returnTrainScore,
            ErrorScore = double.NaN, Executor = executor ?? new LocalExecutor(),
        };
        var empty = new Dictionary<string, object?>();
        var prepared = new CandidateRunner.Prepared(0, empty, CandidateRunner.SpecOf(CandidateRunner.Materialize(estimator, empty, seed)));
        var (completed, cancelled) = await runner.RunAsync([prepared], ct).ConfigureAwait(false);
        if (cancelled) throw new OperationCanceledException(ct);
        CandidateRunner.ThrowIfAllFailed(completed);
        return new CrossValidateResult(completed[0], folds);
    }
}
