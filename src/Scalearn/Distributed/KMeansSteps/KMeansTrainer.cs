using System.Numerics.Tensors;
using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Distributed.Rounds;
using Scalearn.Numerics;

namespace Scalearn.Distributed.KMeansSteps;

/// <summary>
/// The k-means driver, the same code for a fit on one machine (one partition, in this process) and a data-parallel one:
/// n_init runs, each initialised (k-means++ on the driver's copy, uniform rows, k-means|| or given centers) and then
/// iterated as scikit-learn 1.2.1's _kmeans_single_lloyd does: stop when no label changes (strict convergence) or the
/// total squared center shift is at most tol, relocate empty clusters to the rows farthest from their centers, and
/// compute the final labels and inertia as scikit-learn does after either kind of stop. Partition statistics are
/// added in partition order; cost totals and inertias are exact sums, so which rows k-means|| samples and which run
/// wins do not depend on the partitioning. The lowest inertia wins (the earliest run on ties).
/// </summary>
internal sealed class KMeansTrainer(IPartitionRunner<KMeansRequest, KMeansResult> runner, KMeansPlan plan, Func<Rng, Matrix>? plusPlus,
    Action<DataParallelProgress>? progress, bool dedicatedThreads)
{
    private const int PurposeRandom = 1, PurposeFirst = 2, PurposeSample = 3, PurposeRecluster = 4;
    private const int MaxExtraSteps = 20;

    private sealed record RunResult(Matrix Centers, Matrix LabelCenters, double Inertia, int Iterations, int[]? Labels);

    public KMeansModel Fit()
    {
        int runs = plan.InitialCenters is null ? plan.Runs : 1;
        var results = new RunResult[runs];
        ForEachRun(runs, r => results[r] = Run(r, labels: plan.KeepLabels && runs == 1));
        var best = results[0];
        foreach (var result in results) if (result.Inertia < best.Inertia) best = result;
        var labels = best.Labels ?? (plan.KeepLabels ? Labels(best, keep: true).Labels! : []);
        return new KMeansModel(best.Centers, labels, best.Inertia, best.Iterations);
    }

    private void ForEachRun(int runs, Action<int> run)
    {
        if (runs == 1)
        {
            run(0);
            return;
        }
        if (!dedicatedThreads)
        {
            Parallel.For(0, runs, run);
            return;
        }
        // Each run blocks its thread while a round is out on the executor: threads of their own, not the pool's.
        var tasks = Enumerable.Range(0, runs).Select(r => Task.Factory.StartNew(() => run(r), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException e)
        {
            var first = e.Flatten().InnerExceptions.OrderBy(x => x is OperationCanceledException ? 1 : 0).First();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    private RunResult Run(int run, bool labels)
    {
        var centers = plan.InitialCenters ?? Initialize(run);
        progress?.Invoke(new DataParallelProgress("init", run, 0, 0));
        return Lloyd("run" + run, run, centers, labels);
    }

    /// <summary>Run <paramref name="run"/>'s initial centers (its seed derived from random_state and the run index).</summary>
    public Matrix Initialize(int run) => Initialize("run" + run, Rng.Derive(plan.Seed, run));

    private Matrix Initialize(string run, int seed) => plan.Init switch
    {
        KMeansInitializer.PlusPlus => plusPlus?.Invoke(new Rng(seed))
            ?? throw new NotSupportedException("init='k-means++' needs the whole data on one machine."),
        KMeansInitializer.Random => Rows(Pick(RowRandom.Key(seed, PurposeRandom, 0), plan.Clusters)),
        KMeansInitializer.Parallel => ParallelInit(run, seed),
        _ => throw new ArgumentException($"Unknown init '{plan.Init}'."),
    };

    /// <summary>The <paramref name="count"/> rows of the whole dataset with the smallest random bits, in that order.</summary>
    private List<double[]> Pick(ulong key, int count) =>
        runner.Run(new PickRequest(key, count)).Cast<PickResult>().SelectMany(r => r.Rows)
            .OrderBy(r => r.Bits).ThenBy(r => r.Row).Take(count).Select(r => r.Values).ToList();

    /// <summary>k-means|| (Bahmani et al., as MLlib runs it): a random first row, rounds of oversampling by cost, weighted reclustering.</summary>
    private Matrix ParallelInit(string run, int seed)
    {
        int k = plan.Clusters;
        double oversampling = plan.OversamplingFactor * k;
        var candidates = Pick(RowRandom.Key(seed, PurposeFirst, 0), 1);
        int known = 0;
        for (int step = 0; step < plan.InitSteps || candidates.Count < k && step < plan.InitSteps + MaxExtraSteps; step++)
        {
            int sent = candidates.Count;
            var results = runner.Run(new CostRequest(run, Rows(candidates), known, RowRandom.Key(seed, PurposeSample, step), oversampling, Sample: true))
                .Cast<CostResult>().ToArray();
            known = sent;
            double total = TotalCost(results);
            if (!(total > 0)) break;   // every row is a candidate already
            var chosen = results.SelectMany(r => r.Sampled).Where(s => s.Uniform < oversampling * s.Cost / total).OrderBy(s => s.Row);
            foreach (var row in chosen)
                if (!candidates.Any(c => c.AsSpan().SequenceEqual(row.Values))) candidates.Add(row.Values);
        }
        if (candidates.Count <= k)
        {
            // Fewer distinct rows than clusters: repeat candidates (scikit-learn's k-means++ also ends with duplicate centers).
            return Rows(Enumerable.Range(0, k).Select(i => candidates[i % candidates.Count]).ToList());
        }
        var weights = new long[candidates.Count];
        foreach (var result in runner.Run(new CostRequest(run, Rows(candidates), known, 0, oversampling, Sample: false)).Cast<CostResult>())
            for (int c = 0; c < weights.Length; c++) weights[c] += result.Weights![c];
        return CandidateReclustering.Recluster(candidates, weights, k, new Rng(Rng.Derive(seed, PurposeRecluster)));
    }

    private static double TotalCost(IEnumerable<CostResult> results)
    {
        var total = new ExactSum();
        foreach (var result in results) total.Add(ExactSum.FromArray(result.CostSum));
        return total.Value;
    }

    private RunResult Lloyd(string run, int runIndex, Matrix centers, bool keepLabels)
    {
        int k = centers.Rows, d = centers.Cols;
        Matrix? previous = null;
        int iteration = 0;
        bool strict = false;
        while (iteration < plan.MaxIter)
        {
            var stats = runner.Run(new LloydRequest(run, iteration + 1, centers, previous)).Cast<LloydResult>().ToArray();
            var sums = new Matrix(k, d);
            var counts = new long[k];
            long changed = 0;
            foreach (var part in stats)
            {
                TensorPrimitives.Add<double>(sums.Values, part.Sums.Values, sums.Values);
                for (int c = 0; c < k; c++) counts[c] += part.Counts[c];
                changed += part.Changed;
            }
            var empty = Enumerable.Range(0, k).Where(c => counts[c] == 0).ToArray();
            if (empty.Length > 0) Relocate(run, iteration + 1, centers, sums, counts, empty);
            var (updated, shift) = Divide(sums, counts, centers);
            previous = centers;
            centers = updated;
            iteration++;
            progress?.Invoke(new DataParallelProgress("lloyd", runIndex, iteration, shift));
            if (changed == 0)
            {
                strict = true;
                break;
            }
            if (shift <= plan.Tolerance) break;
        }
        var labelCenters = strict ? previous! : centers;
        var final = Labels(new RunResult(centers, labelCenters, 0, iteration, null), keepLabels);
        return new RunResult(centers, labelCenters, final.Inertia, iteration, final.Labels);
    }

    /// <summary>scikit-learn's _relocate_empty_clusters: each empty cluster takes one of the rows farthest from their center.</summary>
    private void Relocate(string run, int iteration, Matrix centers, Matrix sums, long[] counts, int[] empty)
    {
        var farthest = runner.Run(new FarthestRequest(run, iteration, centers, empty.Length)).Cast<FarthestResult>()
            .SelectMany(r => r.Rows).OrderByDescending(r => r.Distance).ThenBy(r => r.Row).Take(empty.Length).ToArray();
        for (int e = 0; e < farthest.Length; e++)
        {
            var row = farthest[e];
            var from = sums.Row(row.Label);
            for (int j = 0; j < from.Length; j++) from[j] -= row.Values[j];
            counts[row.Label]--;
            row.Values.CopyTo(sums.Row(empty[e]));
            counts[empty[e]] = 1;
        }
    }

    /// <summary>New centers (a cluster left empty keeps its center) and the total squared shift.</summary>
    private static (Matrix Centers, double Shift) Divide(Matrix sums, long[] counts, Matrix old)
    {
        double total = 0;
        for (int c = 0; c < old.Rows; c++)
        {
            var row = sums.Row(c);
            if (counts[c] > 0) for (int j = 0; j < row.Length; j++) row[j] /= counts[c];
            else old.Row(c).CopyTo(row);
            double shift = Math.Sqrt(KMeansMath.SquaredDistance(row, old.Row(c)));
            total += shift * shift;
        }
        return (sums, total);
    }

    private (int[]? Labels, double Inertia) Labels(RunResult run, bool keep)
    {
        var results = runner.Run(new LabelsRequest(run.LabelCenters, run.Centers, keep)).Cast<LabelsResult>().ToArray();
        var inertia = new ExactSum();
        foreach (var r in results) inertia.Add(ExactSum.FromArray(r.Inertia));
        return (keep ? results.SelectMany(r => r.Labels!).ToArray() : null, inertia.Value);
    }

    private static Matrix Rows(IReadOnlyList<double[]> rows) => Matrix.FromRows(rows);
}
