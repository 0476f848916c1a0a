using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>scikit-learn's RandomForestClassifier (1.2.1 parameters and defaults); trees are grown in parallel over n_jobs threads.</summary>
[RegisteredEstimator]
[UnsupportedParam("verbose", 0L, "forest progress output is not implemented")]
[UnsupportedParam("warm_start", false, "adding trees to a fitted forest is not implemented in this branch")]
[UnsupportedParam("ccp_alpha", 0.0, "minimal cost-complexity pruning is not implemented in this branch")]
public sealed class RandomForestClassifier : Estimator, IClassifierEstimator, IRandomized
{
    public int NEstimators { get; set => field = Check.AtLeast(value, 1, "n_estimators"); } = 100;
    public ClassificationCriterion Criterion { get; set; } = ClassificationCriterion.Gini;
    public int? MaxDepth { get; set => field = Check.AtLeastOrNull(value, 1, "max_depth"); }
    public CountOrFraction MinSamplesSplit { get; set => field = CountOrFraction.Validate(value, "min_samples_split", 2, false, true)!; } = 2;
    public CountOrFraction MinSamplesLeaf { get; set => field = CountOrFraction.Validate(value, "min_samples_leaf", 1, false, false)!; } = 1;
    public double MinWeightFractionLeaf { get; set => field = Check.InRange(value, 0, 0.5, "min_weight_fraction_leaf"); }
    public MaxFeatures MaxFeatures { get; set => field = value ?? MaxFeatures.All; } = MaxFeatures.Sqrt;
    public int? MaxLeafNodes { get; set => field = Check.AtLeastOrNull(value, 2, "max_leaf_nodes"); }
    public double MinImpurityDecrease { get; set => field = Check.NonNegative(value, "min_impurity_decrease"); }
    public bool Bootstrap { get; set; } = true;
    public bool OobScore { get; set; }
    public int? NJobs { get; set => field = JobCount.Check(value); }
    public int? RandomState { get; set; }
    public string? ClassWeight { get; set => field = ClassTargets.CheckClassWeight(value, "balanced", "balanced_subsample"); }
    public CountOrFraction? MaxSamples { get; set => field = CountOrFraction.Validate(value, "max_samples", 1, true, true); }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        ForestBuilder.CheckBootstrapOptions(Bootstrap, MaxSamples, OobScore);
    }

    protected override IModel FitCore(DataView data)
    {
        var encoding = FeatureEncoding.For(data.Source);
        var targets = ClassTargets.Encode(data, TypeName);
        var classWeights = ClassTargets.Weights(ClassWeight is null ? null : "balanced", targets.Counts);
        int maxFeatures = MaxFeatures.Resolve(data.FeatureCount, classifier: true);
        int bootstrapSize = Bootstrap ? ForestBuilder.BootstrapSize(MaxSamples, data.Count) : data.Count;
        var settings = TreeSettings.Resolve(SplitterKind.Best, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, maxFeatures,
            MaxLeafNodes, MinImpurityDecrease, data.Count, data.Count);
        bool entropy = Criterion != ClassificationCriterion.Gini;
        int seed = ForestBuilder.Seed(RandomState);
        string? mode = ClassWeight;
        var trees = ForestBuilder.Grow(NEstimators, JobCount.Resolve(NJobs), seed, data, Bootstrap, bootstrapSize,
            () => new ClassificationGrower(encoding, settings, targets.Classes.Length, targets.ClassOf, entropy),
            (grower, count) =>
            {
                double total = grower.ApplyClassWeights(count, mode, classWeights);
                grower.Settings = settings with { MinWeightLeaf = MinWeightFractionLeaf * total };
                grower.PrepareWeights(count, integerWeights: mode is null);
                return count;
            });
        var model = new RandomForestClassifierModel(targets.Classes, data.FeatureCount, trees,
            ForestBuilder.MeanImportances(trees, data.FeatureCount), null, JobCount.Resolve(NJobs));
        return OobScore ? model.WithOobScore(OutOfBagAccuracy(model, data, seed, bootstrapSize)) : model;
    }

    private static double OutOfBagAccuracy(RandomForestClassifierModel model, DataView data, int seed, int bootstrapSize)
    {
        int n = data.Count, k = model.Classes.Length;
        var votes = new double[n * k];
        var seen = new bool[n];
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var outOfBag = ForestBuilder.OutOfBag(seed, t, n, bootstrapSize);
            for (int i = 0; i < n; i++)
            {
                if (!outOfBag[i]) continue;
                seen[i] = true;
                var p = model.Trees[t].LeafValues(data.Row(i));
                for (int c = 0; c < k; c++) votes[i * k + c] += p[c];
            }
        }
        int correct = 0, scored = 0;
        for (int i = 0; i < n; i++)
        {
            if (!seen[i]) continue;
            scored++;
            int best = 0;
            for (int c = 1; c < k; c++) if (votes[i * k + c] > votes[i * k + best]) best = c;
            if (model.Classes[best] == data.Target(i)) correct++;
        }
        return scored == 0 ? double.NaN : (double)correct / scored;
    }
}
