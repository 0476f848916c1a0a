using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>
/// Grows a forest's trees in parallel. Tree t draws everything (bootstrap counts, feature order, thresholds) from its
/// own generator seeded with Derive(seed, t), and lands in slot t, so the forest is identical for any n_jobs.
/// Bootstrap samples are integer weights on the rows (counts), like scikit-learn, not duplicated rows.
/// </summary>
internal static class ForestBuilder
{
    /// <summary>Grows one tree per seed (tree i of the result from <paramref name="treeSeeds"/>[i]); progress goes to stderr when verbose.</summary>
    /// <param name="prepare">Applies class weights to the grower's unit/bootstrap-count weights and sets its settings; returns how many rows stay.</param>
    public static DecisionTree[] Grow<TGrower>(ReadOnlySpan<int> treeSeeds, int jobs, DataView data, bool bootstrap, int bootstrapSize,
        Func<TGrower> createGrower, Func<TGrower, int, int> prepare, int verbose, string model) where TGrower : TreeGrower
    {
        var seeds = treeSeeds.ToArray();
        int trees = seeds.Length;
        var result = new DecisionTree[trees];
        if (trees == 0) return result;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int threads = Math.Max(1, Math.Min(jobs, trees));
        int built = 0;
        void GrowTree(int t, TGrower grower)
        {
            Execution.FitInterruption.Check();
            var rng = new Rng(seeds[t]);
            int samples = bootstrap ? FillBootstrap(grower, data, rng, bootstrapSize) : TreeSamples.Fill(grower, data, _ => 1.0, out double _);
            int kept = prepare(grower, samples);
            result[t] = grower.Grow(kept, rng);
            TreeSamples.Clear(grower, samples);
            int done = Interlocked.Increment(ref built);
            if (verbose > 1) Console.Error.WriteLine($"[{model}] building tree {done} of {trees}");
        }
        if (threads == 1)
        {
            // One thread: the calling thread grows every tree with one grower (no task or thread-pool hop per fit).
            var grower = createGrower();
            for (int t = 0; t < trees; t++) GrowTree(t, grower);
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = Execution.FitInterruption.Token };
            try
            {
                Parallel.For(0, trees, options, createGrower, (t, _, grower) =>
                {
                    GrowTree(t, grower);
                    return grower;
                }, _ => { });
            }
            catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
            {
                throw e.InnerExceptions[0];
            }
        }
        if (verbose > 0) Console.Error.WriteLine($"[{model}] built {trees} trees on {threads} threads in {clock.Elapsed.TotalSeconds:F2} s");
        return result;
    }

    private static int FillBootstrap(TreeGrower grower, DataView data, Rng rng, int size)
    {
        var weight = grower.Weight;
        var samples = grower.Samples;
        int count = 0;
        int n = data.Count;
        for (int i = 0; i < size; i++)
        {
            int r = data.SourceRow(rng.NextInt(n));
            if (weight[r] == 0) samples[count++] = r;
            weight[r] += 1;
        }
        return count;
    }

    /// <summary>The seed of tree t of a forest: trees draw from their own streams, whatever n_jobs or warm starts.</summary>
    public static int TreeSeed(int seed, int tree) => Rng.Derive(seed, tree);

    /// <summary>Replays a tree's bootstrap from its seed: which view rows it did not see (out-of-bag).</summary>
    public static bool[] OutOfBag(int treeSeed, int viewCount, int size)
    {
        var rng = new Rng(treeSeed);
        var seen = new bool[viewCount];
        for (int i = 0; i < size; i++) seen[rng.NextInt(viewCount)] = true;
        for (int i = 0; i < viewCount; i++) seen[i] = !seen[i];
        return seen;
    }

    public static int BootstrapSize(CountOrFraction? maxSamples, int rows)
    {
        if (maxSamples is null) return rows;
        if (maxSamples.IsFraction) return Math.Max(1, (int)Math.Round(rows * maxSamples.Fraction, MidpointRounding.ToEven));
        if (maxSamples.Count > rows)
            throw new ParameterException("max_samples", $"Parameter 'max_samples' must be <= the number of training rows ({rows}); got {maxSamples.Count}.");
        return maxSamples.Count;
    }

    public static int Seed(int? randomState) => randomState ?? Rng.FromOptionalSeed(null).NextInt(int.MaxValue);

    public static void CheckBootstrapOptions(bool bootstrap, CountOrFraction? maxSamples, bool oobScore)
    {
        if (!bootstrap && maxSamples is not null)
            throw new ParameterException("max_samples", "Parameter 'max_samples' must be null when bootstrap is false.");
        if (!bootstrap && oobScore)
            throw new ParameterException("oob_score", "Parameter 'oob_score' can only be true when bootstrap is true.");
    }

    public static double[] MeanImportances(DecisionTree[] trees, int features)
    {
        var result = new double[features];
        int used = 0;
        foreach (var tree in trees)
        {
            if (tree.NodeCount <= 1) continue;
            used++;
            for (int f = 0; f < features; f++) result[f] += tree.FeatureImportances[f];
        }
        double total = result.Sum();
        if (used > 0 && total > 0) for (int f = 0; f < features; f++) result[f] /= total;
        return result;
    }
}
