using Scalearn.Data;

namespace Scalearn.Distributed;

/// <summary>How a data-parallel fit runs (the estimator's own parameters say what it computes).</summary>
public sealed record DataParallelOptions
{
    /// <summary>Times a partition's task is tried in one round before the fit fails (Spark's spark.task.maxFailures).</summary>
    public int MaxTaskAttempts { get; init; } = 4;

    /// <summary>Overrides the executor's per-task time limit.</summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>Receives each round's progress (iterations, objective values, retried tasks).</summary>
    public IProgress<DataParallelProgress>? Progress { get; init; }

    /// <summary>
    /// KMeans: start from these centers (n_clusters x n_features) instead of the estimator's init, in one run (as
    /// scikit-learn does when init is an array).
    /// </summary>
    public Matrix? InitialCenters { get; init; }

    /// <summary>KMeans with init='k-means||': sampling rounds (MLlib's initSteps).</summary>
    public int KMeansInitSteps { get; init; } = 2;

    /// <summary>KMeans with init='k-means||': rows sampled per round, as a multiple of n_clusters (MLlib's 2).</summary>
    public double KMeansOversamplingFactor { get; init; } = 2.0;

    /// <summary>KMeans: bring every row's label back (labels_); false leaves the model's Labels empty for very large data.</summary>
    public bool KeepLabels { get; init; } = true;

    internal void Validate()
    {
        if (MaxTaskAttempts is < 1 or > 16)
            throw new ArgumentOutOfRangeException(nameof(MaxTaskAttempts), MaxTaskAttempts, "MaxTaskAttempts must be between 1 and 16.");
        if (KMeansInitSteps is < 0 or > 100)
            throw new ArgumentOutOfRangeException(nameof(KMeansInitSteps), KMeansInitSteps, "KMeansInitSteps must be between 0 and 100.");
        if (!(KMeansOversamplingFactor > 0) || !double.IsFinite(KMeansOversamplingFactor))
            throw new ArgumentOutOfRangeException(nameof(KMeansOversamplingFactor), KMeansOversamplingFactor, "KMeansOversamplingFactor must be a positive number.");
        if (TaskTimeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TaskTimeout), t, "TaskTimeout must be positive.");
    }
}
