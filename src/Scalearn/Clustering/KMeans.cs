using Scalearn.Data;
using Scalearn.Distributed.KMeansSteps;
using Scalearn.Distributed.Rounds;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Clustering;

/// <summary>
/// K-means clustering (scikit-learn 1.2.1's KMeans and its defaults). The n_init runs use seeds derived from
/// random_state and the run index, run in parallel on all cores, and the lowest inertia wins (earliest run on ties),
/// so a larger n_init never gives a higher inertia for the same random_state. init also takes 'k-means||' (Bahmani et
/// al., MLlib's default), which picks the same rows whether the data sits on one machine or in partitions. Lloyd runs
/// go through the data-parallel driver with the whole dataset as one partition, so a partitioned fit
/// (Scalearn.Distributed.DataParallel) is this same computation.
/// </summary>
[RegisteredEstimator]
[UnsupportedParam("verbose", 0L, "progress output is not implemented")]
[UnsupportedParam("copy_x", true, "the training data is never modified, so only the copying behaviour exists")]
public sealed class KMeans : Estimator<KMeansModel>, IRandomized
{
    public int NClusters { get; set => field = Check.AtLeast(value, 1, "n_clusters"); } = 8;

    /// <summary>'k-means++', 'random' or 'k-means||'.</summary>
    public string Init { get; set => field = Check.OneOf(value, "init", KMeansInitializer.PlusPlus, KMeansInitializer.Random, KMeansInitializer.Parallel); } = KMeansInitializer.PlusPlus;

    public int NInit { get; set => field = Check.AtLeast(value, 1, "n_init"); } = 10;

    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 300;

    /// <summary>Relative to the mean per-feature variance of the data, as in scikit-learn.</summary>
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;

    public KMeansAlgorithm Algorithm { get; set; } = KMeansAlgorithm.Lloyd;

    public int? RandomState { get; set; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        KMeansChecks.EnoughSamples(data.Count, NClusters);
        ModelChecks.AllFinite(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var x = data.ToMatrix();
        double tol = KMeansMath.ScaledTolerance(x, Tol);
        int seed = RandomState ?? Rng.FromOptionalSeed(null).NextInt(int.MaxValue);
        var runner = new InProcessRunner<KMeansRequest, KMeansResult>(KMeansStepKind.Instance, [new Dataset(x)]);
        var plan = new KMeansPlan(NClusters, Init, NInit, MaxIter, tol, seed, null, KMeansPlan.DefaultInitSteps, KMeansPlan.DefaultOversamplingFactor, true);
        var trainer = new KMeansTrainer(runner, plan, rng => KMeansInitializer.Initialize(x, NClusters, KMeansInitializer.PlusPlus, rng), null, false);
        if (Algorithm == KMeansAlgorithm.Lloyd) return trainer.Fit();

        var runs = new KMeansRun[NInit];
        Parallel.For(0, NInit, new ParallelOptions { CancellationToken = Execution.FitInterruption.Token }, run =>
        {
            var centers = trainer.Initialize(run);
            runs[run] = KMeansSolver.Elkan(x, centers, MaxIter, tol);
        });
        var best = runs[0];
        foreach (var run in runs) if (run.Inertia < best.Inertia) best = run;
        return new KMeansModel(best.Centers, best.Labels, best.Inertia, best.Iterations);
    }
}
