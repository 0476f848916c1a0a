using Scalearn.Clustering;
using Scalearn.Distributed.KMeansSteps;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.Distributed;

/// <summary>
/// Trains one model on all the partitions of a dataset, on any executor: this machine's cores (<see cref="LocalExecutor"/>)
/// or cluster workers. Partitions stay where they were loaded; each iteration sends the current parameters to every
/// partition's holder and adds the returned statistics (sums and counts, losses and gradients) in partition order, so
/// the model is the one a fit on one machine gives (within rounding, 1e-6 or better) however the data is split and
/// whichever worker answers first. A worker that dies has its partitions loaded elsewhere and the round's missing
/// tasks run again; a task that fails is retried (<see cref="DataParallelOptions.MaxTaskAttempts"/>); bad data fails
/// the fit at once with a <see cref="PartitionDataException"/> naming the partition, row and column.
/// </summary>
public static class DataParallel
{
    /// <summary>Estimators with a data-parallel fit.</summary>
    public static IReadOnlyList<string> Estimators { get; } = [nameof(KMeans), nameof(Linear.LogisticRegression)];

    public static bool Supports(IEstimator estimator) => estimator is KMeans or Linear.LogisticRegression;

    /// <summary>Fits any supported estimator; others are refused with the list of supported ones.</summary>
    public static async Task<IModel> FitAsync(IEstimator estimator, PartitionedDataset data, ITaskExecutor executor,
        DataParallelOptions? options = null, CancellationToken cancellationToken = default) => estimator switch
    {
        KMeans kmeans => await kmeans.FitAsync(data, executor, options, cancellationToken).ConfigureAwait(false),
        Linear.LogisticRegression logistic => await logistic.FitAsync(data, executor, options, cancellationToken).ConfigureAwait(false),
        null => throw new ArgumentNullException(nameof(estimator)),
        _ => throw new NotSupportedException($"{estimator.TypeName} has no data-parallel fit (supported: {string.Join(", ", Estimators)}); fit it on one machine."),
    };

    /// <summary>k-means with init 'k-means||', 'random' or <see cref="DataParallelOptions.InitialCenters"/>.</summary>
    public static Task<KMeansModel> FitAsync(this KMeans estimator, PartitionedDataset data, ITaskExecutor executor,
        DataParallelOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(estimator, data, executor, options, cancellationToken, session => PartitionedKMeans.Fit(estimator, session));

    /// <summary>Logistic regression by L-BFGS on the summed loss and gradient of the partitions (binary, one-vs-rest and multinomial).</summary>
    public static Task<Linear.LinearClassifierModel> FitAsync(this Linear.LogisticRegression estimator, PartitionedDataset data, ITaskExecutor executor,
        DataParallelOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(estimator, data, executor, options, cancellationToken, session => LinearSteps.PartitionedLogistic.Fit(estimator, session));

    private static async Task<T> RunAsync<T>(IEstimator estimator, PartitionedDataset data, ITaskExecutor executor, DataParallelOptions? options,
        CancellationToken cancellationToken, Func<FitSession, T> fit)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(executor);
        options ??= new DataParallelOptions();
        options.Validate();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, FitInterruption.Token);
        await using var session = new FitSession(executor, data, options, linked.Token);
        // The driver's loops block between rounds: a thread of their own, not the pool's.
        return await Task.Factory.StartNew(() => fit(session), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }
}
