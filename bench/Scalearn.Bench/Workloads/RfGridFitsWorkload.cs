using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Trees;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// The fits of rf_grid_full without the search machinery: 864 candidates x 3 folds of digits (each fit on 2/3 of
/// the rows, scored on the rest), run in parallel over all cores with n_jobs=1 per forest. Isolates forest speed.
/// </summary>
public sealed class RfGridFitsWorkload : IWorkload
{
    public string Name => "rf_grid_fits";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = BundledDatasets.Load("digits");
        var order = Enumerable.Range(0, data.Count).ToArray();
        new Rng(0).Shuffle(order.AsSpan());
        var folds = Enumerable.Range(0, 3).Select(f => order.Where((_, i) => i % 3 == f).ToArray()).ToArray();
        var candidates = (
            from depth in new int?[] { 3, null }
            from features in new[] { 1, 3, 10 }
            from split in new[] { 2, 3, 10 }
            from leaf in new[] { 1, 3, 10 }
            from bootstrap in new[] { true, false }
            from criterion in new[] { ClassificationCriterion.Gini, ClassificationCriterion.Entropy }
            from trees in new[] { 10, 20, 40, 80 }
            select (depth, features, split, leaf, bootstrap, criterion, trees)).ToArray();
        var scores = new double[candidates.Length * 3];
        FeatureEncodingWarmUp(data);
        var watch = Stopwatch.StartNew();
        Parallel.For(0, scores.Length, i =>
        {
            var c = candidates[i / 3];
            int fold = i % 3;
            var train = folds.Where((_, f) => f != fold).SelectMany(f => f).ToArray();
            var estimator = new RandomForestClassifier
            {
                MaxDepth = c.depth, MaxFeatures = MaxFeatures.Of(c.features), MinSamplesSplit = c.split, MinSamplesLeaf = c.leaf,
                Bootstrap = c.bootstrap, Criterion = c.criterion, NEstimators = c.trees, RandomState = 0,
            };
            var model = (IPredictor)estimator.Fit(data.Rows(train));
            scores[i] = model.Score(data.Rows(folds[fold]));
        });
        double seconds = watch.Elapsed.TotalSeconds;
        double best = Enumerable.Range(0, candidates.Length).Max(c => (scores[3 * c] + scores[3 * c + 1] + scores[3 * c + 2]) / 3);
        return new Dictionary<string, object?> { ["seconds"] = seconds, ["fits"] = scores.Length, ["best_mean_accuracy"] = best };
    }

    private static void FeatureEncodingWarmUp(Dataset data) =>
        new RandomForestClassifier { NEstimators = 2, RandomState = 0 }.Fit(data);
}
