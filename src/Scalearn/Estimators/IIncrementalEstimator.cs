using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>Estimators that can learn from a stream of chunks (scikit-learn's partial_fit), for data larger than memory.</summary>
public interface IIncrementalEstimator : IEstimator
{
    /// <summary>Starts a new learner with this estimator's parameters. The estimator itself is not changed.</summary>
    IIncrementalLearner StartIncremental();
}

/// <summary>The mutable state of an incremental fit. Not thread-safe; each <see cref="Snapshot"/> is an immutable model.</summary>
public interface IIncrementalLearner
{
    /// <summary>
    /// Learns from one chunk. For classifiers the first call fixes the classes: <paramref name="classes"/> when given,
    /// else the labels present in the first chunk; later chunks with other labels are rejected.
    /// </summary>
    void PartialFit(DataView chunk, IReadOnlyList<double>? classes = null);

    /// <summary>Number of rows seen so far.</summary>
    long RowsSeen { get; }

    /// <summary>An immutable model of what has been learned so far.</summary>
    IModel Snapshot();
}
