using Scalearn.Boosting;
using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Distributed.Rounds;
using Scalearn.Distributed.Summaries;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.Distributed.LightGbm;

/// <summary>
/// LightGBM's own data-parallel training (tree_learner=data) over the partitions of a dataset, one LightGBM rank per
/// partition, on any executor. Rounds: a summary (each partition loaded where it stays), an endpoint round (each rank
/// reserves a port on its worker and sends its share of a sample chosen per row), bins computed once on the driver
/// from that sample (all rows up to subsample_for_bin, as a single-machine fit does) and shipped to every rank, a
/// probe round (every rank connects to every other before LightGBM's network is joined), and the training round,
/// where all ranks run at once, each on a dedicated thread of its worker, and return the model.
/// <para>
/// The ranks must run at the same time: on a cluster each partition must sit on its own worker with a free slot;
/// on this machine's executor the ranks are threads of this process on loopback (LightGBM's network state is per
/// thread), so it needs as many free slots as partitions. The bins are those a single-machine fit computes (all rows
/// up to subsample_for_bin), and every rank starts from the whole data's starting score (<see cref="StartingScores"/>),
/// so for regression the model text equals a single-machine fit's however the rows are partitioned (tested). Where it
/// cannot: LightGBM's data-parallel learner knows a leaf's global row count only as estimated from its hessian sum
/// (the serial learner counts the rows), and that count decides min_child_samples; with hessians that vary by row
/// (classifiers, poisson, gamma, tweedie, fair) a split near that limit can go the other way, so those trees may differ
/// and the fit is equally good rather than identical. regression_l1, quantile and mape re-fit leaf values from each
/// rank's own median and start from the ranks' mean median. Bagging and GOSS draw rows per rank.
/// </para>
/// </summary>
public static class LightGbmDataParallel
{
    /// <summary>How long a rank waits for all ranks to join LightGBM's network before the fit fails.</summary>
    internal static TimeSpan JoinTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a rank waits for a TCP connection to a peer in the probe round.</summary>
    internal static TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static async Task<BoostingRegressorModel> FitAsync(this LGBMRegressor estimator, PartitionedDataset data, ITaskExecutor executor,
        DataParallelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var (trees, summary) = await TrainAsync(estimator, data, executor, options, cancellationToken, classifier: false,
            _ => estimator.CheckedParameters(estimator.Objective ?? "regression")).ConfigureAwait(false);
        return new BoostingRegressorModel(summary.Features, trees);
    }

    public static async Task<BoostingClassifierModel> FitAsync(this LGBMClassifier estimator, PartitionedDataset data, ITaskExecutor executor,
        DataParallelOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        if (!estimator.ClassWeight.IsUniform)
            throw new ParameterException("class_weight", "Parameter 'class_weight' is not supported by LightGBM data-parallel training; fit on one machine, or leave it unset.");
        var (trees, summary) = await TrainAsync(estimator, data, executor, options, cancellationToken, classifier: true, classes =>
        {
            var parameters = estimator.CheckedParameters(estimator.ObjectiveFor(classes));
            if (classes > 2) parameters.Set("num_class", classes);
            return parameters;
        }).ConfigureAwait(false);
        return new BoostingClassifierModel(summary.Classes!, summary.Features, trees);
    }

    internal static async Task<(BoostedTrees Trees, DatasetSummary Summary)> TrainAsync(LGBMModelBase estimator, PartitionedDataset data, ITaskExecutor executor,
        DataParallelOptions? options, CancellationToken cancellationToken, bool classifier, Func<int, LightGbmParameters> parameters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(executor);
        options ??= new DataParallelOptions();
        options.Validate();
        LightGbmLibrary.EnsureLoaded();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, FitInterruption.Token);
        await using var session = new FitSession(executor, data, options, linked.Token);
        var runners = new List<IAsyncDisposable>();
        try
        {
            return await Task.Factory.StartNew(() => Train(estimator, session, executor, runners, linked.Token, classifier, parameters),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            foreach (var runner in runners) await runner.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static (BoostedTrees, DatasetSummary) Train(LGBMModelBase estimator, FitSession session, ITaskExecutor executor, List<IAsyncDisposable> runners,
        CancellationToken cancellation, bool classifier, Func<int, LightGbmParameters> parameters)
    {
        var data = session.Data;
        int ranks = data.Count;
        var summary = session.Summarize(new SummaryRequest(NeedTarget: true, ClassLabels: classifier, Moments: false));
        int classes = classifier ? summary.Classes?.Length ?? 0 : 0;
        if (classifier && classes < 2)
            throw new PartitionDataException($"{estimator.TypeName} needs at least two classes in the target; the partitions hold {classes}.");
        var p = parameters(classes);
        if (ranks == 1) throw new ArgumentException("LightGBM data-parallel training needs at least two partitions (one per rank); fit a single partition on one machine.", nameof(data));
        if (executor is LocalExecutor && executor.Slots < ranks)
            throw new DataParallelException($"LightGBM data-parallel training runs its {ranks} ranks at once: this machine's executor has {executor.Slots} slots; "
                + "give it at least as many slots as partitions, or use fewer partitions.");

        var training = Guid.NewGuid();
        double fraction = Math.Min(1.0, estimator.SubsampleForBin / (double)summary.Rows);
        var endpoints = Runner(EndpointKind.Instance).Run(new EndpointRequest(training, fraction, RowRandom.Key(estimator.RandomState ?? 0, 0x1b17, 0)));
        CheckPlacement(endpoints, executor, data);

        int threads = ThreadCount.Resolve(estimator.NJobs);
        byte[] reference = Explained(p, () => BinsAndCheck(endpoints, summary.Features, p, threads, classes));
        session.Report(new DataParallelProgress("bins", 0, 0, summary.Rows, $"bins from {endpoints.Sum(e => e.Sample.Rows)} sampled rows, {reference.Length} bytes"));

        var hosts = endpoints.Select(e => e.Host).ToArray();
        var ports = endpoints.Select(e => e.Port).ToArray();
        Runner(ProbeKind.Instance).Run(new ProbeRequest(training, hosts, ports, (int)ProbeTimeout.TotalMilliseconds));

        var distributed = WithDataParallel(p, ranks);
        var start = StartingScores.For(p.Get("objective")!, endpoints.Sum(e => e.LabelSum), summary.Rows, summary.ClassCounts);
        var request = new TrainRequest(training, hosts, ports, reference, distributed, estimator.NJobs ?? 0, estimator.NEstimators,
            estimator.StopsAtEmptyRound, classifier ? summary.Classes : null, start, (int)JoinTimeout.TotalMilliseconds);
        var models = Runner(TrainKind.Instance).Run(request);
        for (int r = 1; r < models.Length; r++)
            if (models[r].ModelText != models[0].ModelText)
                throw new DataParallelException($"LightGBM rank {r} ended with another model than rank 0; the ranks' data or parameters disagree.");
        session.Report(new DataParallelProgress("trained", estimator.NEstimators, 0, summary.Rows, $"{ranks} LightGBM ranks"));

        int treesPerIteration = classes > 2 ? classes : 1;
        var core = BoosterCore.Load(models[0].ModelText, estimator.NJobs, summary.Features, treesPerIteration);
        return (new BoostedTrees(core, core.Iterations, [], [], estimator.ImportanceType), summary);

        ExecutorRunner<TRequest, TResult> Runner<TRequest, TResult>(PartitionStepKind<TRequest, TResult> kind) where TRequest : class where TResult : class
        {
            // One attempt: a rank retried elsewhere would not hold its port, and its peers are waiting for it now.
            var runner = new ExecutorRunner<TRequest, TResult>(executor, kind, data, 1, session.Options.TaskTimeout, null, cancellation);
            runners.Add(runner);
            return runner;
        }
    }

    /// <summary>The parameter string of the ranks (without num_threads, which each rank sets for its own slot).</summary>
    internal static string WithDataParallel(LightGbmParameters p, int ranks) =>
        p.FormatWithoutThreads() + $"tree_learner=data num_machines={ranks} pre_partition=true ";

    private static void CheckPlacement(RankEndpoint[] endpoints, ITaskExecutor executor, PartitionedDataset data)
    {
        if (executor is LocalExecutor) return;
        var first = new Dictionary<Guid, int>();
        for (int r = 0; r < endpoints.Length; r++)
        {
            if (first.TryAdd(endpoints[r].Process, r)) continue;
            int other = first[endpoints[r].Process];
            throw new DataParallelException($"LightGBM data-parallel training needs {endpoints.Length} workers with a free slot each, one rank per worker: "
                + $"{data.Partitions[other]} and {data.Partitions[r]} are both held by {endpoints[r].ProcessName}. Start more workers or use fewer partitions.");
        }
    }

    /// <summary>The bins from the ranks' samples, after a booster was created on them with the fit's parameters (so a parameter LightGBM rejects fails here, named).</summary>
    private static byte[] BinsAndCheck(RankEndpoint[] endpoints, int features, LightGbmParameters p, int threads, int classes)
    {
        int rows = endpoints.Sum(e => e.Sample.Rows);
        if (rows == 0) throw new PartitionDataException("The bins' sample is empty: the partitions hold no rows.");
        var sample = new double[(long)rows * features];
        int at = 0;
        foreach (var e in endpoints)
        {
            if (e.Sample.Cols != features) throw new DataParallelException($"A rank sent a sample of {e.Sample.Cols} columns; the data has {features}.");
            e.Sample.Values.CopyTo(sample, at);
            at += e.Sample.Values.Length;
        }
        using var lease = NativeThreads.Enter(threads, adopt: false);
        string text = p.Format(lease.Threads);
        var reference = NativeBinReference.FromSample(sample, rows, features, text);
        var labels = new float[rows];
        // Labels every objective accepts (poisson refuses a zero sum, gamma a zero label).
        for (int i = 0; i < rows; i++) labels[i] = classes > 0 ? i % classes : 1;
        using var check = NativeBinReference.Bin(reference, sample, rows, features, labels, text);
        using var booster = new NativeTrainer(check, text);
        return reference;
    }

    private static T Explained<T>(LightGbmParameters p, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (LightGbmException e) when (p.Explain(e) is { } parameterError)
        {
            throw parameterError;
        }
    }
}
