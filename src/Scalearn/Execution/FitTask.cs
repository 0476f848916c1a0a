using Scalearn.Estimators;

namespace Scalearn.Execution;

/// <summary>
/// One unit of work: fit <see cref="Estimator"/> on split <see cref="Split"/> of the batch's folds, then score it.
/// (<see cref="Candidate"/>, <see cref="Split"/>) identifies the task within its batch; a task run twice yields one result.
/// The estimator spec already carries its random_state, so the fit is reproducible anywhere.
/// </summary>
public sealed record FitTask(int Candidate, int Split, EstimatorSpec Estimator, IReadOnlyList<string> Scorers, bool ReturnTrainScore);

/// <summary>The outcome of a <see cref="FitTask"/>; <see cref="Error"/> is set (and scores are NaN) when the fit or scoring threw.</summary>
public sealed record FitResult(
    int Candidate,
    int Split,
    double[] TestScores,
    double[]? TrainScores,
    double FitSeconds,
    double ScoreSeconds,
    string? Error);

/// <summary>A set of tasks over one dataset and one set of folds.</summary>
public sealed record TaskBatch(Scalearn.Data.Dataset Data, Folds Folds, IReadOnlyList<FitTask> Tasks);

/// <summary>Progress of a running batch, reported by executors.</summary>
public sealed record ExecutionProgress(int Done, int Total, int InFlight, int Workers, TimeSpan Elapsed);
