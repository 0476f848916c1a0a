using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Clustering;

/// <summary>
/// Mini-batch k-means (scikit-learn 1.2.1's MiniBatchKMeans and its defaults): n_init candidate initialisations on
/// init_size random rows, judged on a validation sample; then (max_iter * n_samples / batch_size) steps on random
/// batches, stopped early when the smoothed batch inertia has not improved for max_no_improvement steps or the
/// centers moved less than tol. Supports streaming through <see cref="StartIncremental"/> (partial_fit).
/// </summary>
[RegisteredEstimator]
[UnsupportedParam("verbose", 0L, "progress output is not implemented")]
[UnsupportedParam("compute_labels", true, "the labels of the training data are always computed")]
public sealed class MiniBatchKMeans : Estimator<KMeansModel>, IRandomized, IIncrementalEstimator
{
    public int NClusters { get; set => field = Check.AtLeast(value, 1, "n_clusters"); } = 8;

    /// <summary>'k-means++' or 'random'.</summary>
    public string Init { get; set => field = Check.OneOf(value, "init", KMeansInitializer.PlusPlus, KMeansInitializer.Random); } = KMeansInitializer.PlusPlus;

    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 100;

    public int BatchSize { get; set => field = Check.AtLeast(value, 1, "batch_size"); } = 1024;

    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 0.0;

    public int? MaxNoImprovement { get; set => field = Check.AtLeastOrNull(value, 0, "max_no_improvement"); } = 10;

    public int? InitSize { get; set => field = Check.AtLeastOrNull(value, 1, "init_size"); }

    public int NInit { get; set => field = Check.AtLeast(value, 1, "n_init"); } = 3;

    public double ReassignmentRatio { get; set => field = Check.NonNegative(value, "reassignment_ratio"); } = 0.01;

    public int? RandomState { get; set; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        KMeansChecks.EnoughSamples(data.Count, NClusters);
        ModelChecks.AllFinite(data, TypeName);
    }

    internal int EffectiveInitSize(int samples, int batchSize)
    {
        int size = InitSize ?? 3 * batchSize;
        if (size < NClusters) size = 3 * NClusters;
        return Math.Min(size, samples);
    }

    internal Matrix InitialCenters(Matrix x, int initSize, Rng rng)
    {
        var sample = new int[initSize];
        for (int i = 0; i < initSize; i++) sample[i] = rng.NextInt(x.Rows);
        return KMeansInitializer.Initialize(KMeansMath.SelectRows(x, sample), NClusters, Init, rng);
    }

    protected override IModel FitCore(DataView data)
    {
        var x = data.ToMatrix();
        int n = x.Rows;
        int batchSize = Math.Min(BatchSize, n);
        int initSize = EffectiveInitSize(n, batchSize);
        double tol = KMeansMath.ScaledTolerance(x, Tol);
        var rng = Rng.FromOptionalSeed(RandomState);

        var validationRows = new int[initSize];
        for (int i = 0; i < initSize; i++) validationRows[i] = rng.NextInt(n);
        var validation = KMeansMath.SelectRows(x, validationRows);
        var validationLabels = new int[initSize];
        Matrix? best = null;
        double bestInertia = double.PositiveInfinity;
        for (int run = 0; run < NInit; run++)
        {
            var centers = InitialCenters(x, initSize, rng);
            double inertia = KMeansMath.Assign(validation, centers, validationLabels);
            if (best is null || inertia < bestInertia) { best = centers; bestInertia = inertia; }
        }

        var state = new MiniBatchKMeansState(best!, ReassignmentRatio, rng);
        long steps = (long)MaxIter * n / batchSize;
        var batchRows = new int[batchSize];
        var batchLabels = new int[batchSize];
        var convergence = new MiniBatchConvergence(batchSize, n, tol, MaxNoImprovement);
        for (long step = 0; step < steps; step++)
        {
            Execution.FitInterruption.Check();
            for (int i = 0; i < batchSize; i++) batchRows[i] = rng.NextInt(n);
            double inertia = state.Step(KMeansMath.SelectRows(x, batchRows), batchLabels, out double shift);
            if (convergence.Converged(inertia, tol > 0 ? shift : 0)) break;
        }
        var labels = new int[n];
        double totalInertia = KMeansMath.Assign(x, state.Centers, labels, parallel: true);
        int iterations = (int)Math.Ceiling((double)state.Steps * batchSize / n);
        return new KMeansModel(state.Centers, labels, totalInertia, iterations);
    }

    public IIncrementalLearner StartIncremental() => new MiniBatchKMeansLearner((MiniBatchKMeans)Clone());
}
