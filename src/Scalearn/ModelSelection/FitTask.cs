using Scalearn.Estimators;
using Scalearn.Metrics;

namespace Scalearn.ModelSelection;

/// <summary>
/// Fit <see cref="Estimator"/> on split <see cref="Split"/> of the folds <see cref="FoldsId"/> over the dataset
/// <see cref="DataId"/>, then score it. The spec carries its random_state, so the fit is reproducible anywhere.
/// </summary>
public sealed record FitTask(int Candidate, int Split, EstimatorSpec Estimator, IReadOnlyList<IScorer> Scorers, bool ReturnTrainScore,
    string DataId, string FoldsId)
{
    /// <summary>
    /// Incremental training instead of one fit: the estimator's learner trained to <see cref="EpochPlan.To"/> epochs of
    /// partial_fit over the split's training rows (asynchronous successive halving and Hyperband use epochs as their
    /// resource). The learner is kept on the worker under <see cref="EpochPlan.HeldId"/>, so a promoted trial continues
    /// from <see cref="EpochPlan.From"/> epochs where it ran before, and starts over (with the same result) elsewhere.
    /// </summary>
    public EpochPlan? Epochs { get; init; }
}

/// <summary>See <see cref="FitTask.Epochs"/>.</summary>
public sealed record EpochPlan(int From, int To, string HeldId);

/// <summary>The outcome of a <see cref="FitTask"/>; <see cref="Error"/> is set (and scores are NaN) when the fit or scoring threw.</summary>
public sealed record FitResult(
    int Candidate,
    int Split,
    double[] TestScores,
    double[]? TrainScores,
    double FitSeconds,
    double ScoreSeconds,
    string? Error)
{
    /// <summary>Epochs of partial_fit this run actually trained (incremental tasks only; a continued learner counts only its new ones).</summary>
    public int EpochsRun { get; init; }
}
