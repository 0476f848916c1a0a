using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

/// <summary>The outcome of a search: cv_results, the best candidate by the first scorer, and its refitted model.</summary>
public sealed class SearchResult(CvResults cvResults, int bestIndex, IModel? bestModel, bool completed, TimeSpan elapsed, double refitSeconds)
{
    public CvResults CvResults { get; } = cvResults;
    /// <summary>Index of the best candidate (rank 1 of the first scorer, lowest index on ties); -1 when no candidate finished.</summary>
    public int BestIndex { get; } = bestIndex;
    public IReadOnlyDictionary<string, object?> BestParams { get; } =
        bestIndex >= 0 ? cvResults.Params[bestIndex] : new Dictionary<string, object?>();
    public double BestScore { get; } = bestIndex >= 0 ? cvResults.Numbers($"mean_test_{cvResults.ScoreSuffixes[0]}")[bestIndex] : double.NaN;
    /// <summary>The best candidate refitted on all data; null when Refit=false or the search did not complete.</summary>
    public IModel? BestModel { get; } = bestModel;
    /// <summary>The exact spec of the best candidate as fitted (parameters plus the seed given to an unset random_state).</summary>
    public EstimatorSpec? BestSpec { get; init; }
    /// <summary>False when cancelled: <see cref="CvResults"/> then holds the candidates whose every split finished.</summary>
    public bool Completed { get; } = completed;
    public TimeSpan Elapsed { get; } = elapsed;
    public double RefitSeconds { get; } = refitSeconds;
}
