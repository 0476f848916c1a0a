using Scalearn.Estimators;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>What a forest estimator fitted with warm_start=true keeps for its next fit: its trees and their seeds.</summary>
internal sealed record ForestState(DecisionTree[] Trees, int[] TreeSeeds, int FeatureCount, double[]? Classes);

/// <summary>
/// scikit-learn's warm_start for forests: a fit keeps the trees of the previous one and grows n_estimators - len(trees)
/// more; tree t always draws from the seed Derive(random_state, t), so 10 trees then 20 equal 20 trees at once.
/// </summary>
internal static class WarmStart
{
    /// <summary>The trees to keep and the seeds of the whole forest (kept trees' seeds first).</summary>
    public static (DecisionTree[] Kept, int[] Seeds) Plan(ForestState? previous, bool warmStart, int nEstimators, int seed, int features,
        double[]? classes, string model)
    {
        if (!warmStart || previous is null)
            return ([], Enumerable.Range(0, nEstimators).Select(t => ForestBuilder.TreeSeed(seed, t)).ToArray());
        if (previous.FeatureCount != features)
            throw new ArgumentException($"{model} with warm_start=true was fitted on {previous.FeatureCount} features; this data has {features}.");
        if (classes is not null && !classes.AsSpan().SequenceEqual(previous.Classes))
            throw new ArgumentException(
                $"{model} with warm_start=true was fitted on classes [{string.Join(", ", previous.Classes!)}]; this data has [{string.Join(", ", classes)}].");
        int kept = previous.Trees.Length;
        if (nEstimators < kept)
            throw new ParameterException("n_estimators",
                $"Parameter 'n_estimators' ({nEstimators}) must be larger or equal to the {kept} trees already fitted when warm_start is true.");
        if (nEstimators == kept)
            Console.Error.WriteLine($"{model}: warm-start fitting without increasing n_estimators does not fit new trees.");
        var seeds = new int[nEstimators];
        previous.TreeSeeds.CopyTo(seeds, 0);
        for (int t = kept; t < nEstimators; t++) seeds[t] = ForestBuilder.TreeSeed(seed, t);
        return (previous.Trees, seeds);
    }
}
