using Scalearn.Estimators;
using Scalearn.Metrics;

namespace Scalearn.ModelSelection;

/// <summary>
/// Fit <see cref="Estimator"/> on split <see cref="Split"/> of the folds <see cref="FoldsId"/> over the dataset
/// <see cref="DataId"/>, then score it. The spec carries its random_state, so the fit is reproducible anywhere.
/// </summary>
public sealed record FitTask(int Candidate, int Split, EstimatorSpec Estimator, IReadOnlyList<IScorer> Scorers, bool ReturnTrainScore,
    string DataId, string FoldsId);

/// <summary>The outcome of a <see cref="FitTask"/>; <see cref="Error"/> is set (and scores are NaN) when the fit or scoring threw.</summary>
public sealed record FitResult(
    int Candidate,
    int Split,
    double[] TestScores,
    double[]? TrainScores,
    double FitSeconds,
    double ScoreSeconds,
    string? Error);
