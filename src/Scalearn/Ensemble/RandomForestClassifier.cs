using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Svm;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>scikit-learn's RandomForestClassifier (1.2.1 parameters and defaults); trees are grown in parallel over n_jobs threads.</summary>
[RegisteredEstimator]
public sealed class RandomForestClassifier : Estimator<RandomForestClassifierModel>, IClassifierEstimator, IRandomized
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
    public ClassWeightOption ClassWeight { get; set => field = value ?? ClassWeightOption.None; } = ClassWeightOption.None;
    public CountOrFraction? MaxSamples { get; set => field = CountOrFraction.Validate(value, "max_samples", 1, true, true); }
    public double CcpAlpha { get; set => field = Check.NonNegative(value, "ccp_alpha"); }
    public bool WarmStart { get; set; }
    public int Verbose { get; set => field = Check.AtLeast(value, 0, "verbose"); }

    /// <summary>The last fitted forest, kept for the next fit when warm_start is true (never cloned, never a parameter).</summary>
    private ForestState? _fitted;

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        ForestBuilder.CheckBootstrapOptions(Bootstrap, MaxSamples, OobScore);
    }

    protected override IModel FitCore(DataView data)
    {
        var encoding = FeatureEncoding.For(data.Source);
        var targets = ClassTargets.Encode(data, TypeName);
        var classWeights = ClassWeight.Resolve(targets.Classes, targets.Counts);
        int maxFeatures = MaxFeatures.Resolve(data.FeatureCount, classifier: true);
        int bootstrapSize = Bootstrap ? ForestBuilder.BootstrapSize(MaxSamples, data.Count) : data.Count;
        var settings = TreeSettings.Resolve(SplitterKind.Best, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, maxFeatures,
            MaxLeafNodes, MinImpurityDecrease, data.Count, data.Count, CcpAlpha);
        bool entropy = Criterion != ClassificationCriterion.Gini;
        var (kept, seeds) = Ensemble.WarmStart.Plan(_fitted, WarmStart, NEstimators, ForestBuilder.Seed(RandomState), data.FeatureCount,
            targets.Classes, TypeName);
        bool subsample = ClassWeight.IsBalancedSubsample;
        bool unweighted = ClassWeight.Equals(ClassWeightOption.None);
        int jobs = JobCount.Resolve(NJobs);
        var grown = ForestBuilder.Grow(seeds.AsSpan(kept.Length), jobs, data, Bootstrap, bootstrapSize,
            () => new ClassificationGrower(encoding, settings, targets.Classes.Length, targets.ClassOf, entropy, data.Count),
            (grower, count) =>
            {
                double total = grower.ApplyClassWeights(count, subsample, unweighted ? null : classWeights);
                grower.Settings = settings with { MinWeightLeaf = MinWeightFractionLeaf * total };
                grower.PrepareWeights(count, integerWeights: unweighted);
                return count;
            }, Verbose, TypeName);
        DecisionTree[] trees = [.. kept, .. grown];
        _fitted = WarmStart ? new ForestState(trees, seeds, data.FeatureCount, targets.Classes) : null;
        var model = new RandomForestClassifierModel(targets.Classes, data.FeatureCount, trees,
            ForestBuilder.MeanImportances(trees, data.FeatureCount), null, jobs);
        return OobScore ? model.WithOobScore(OutOfBagAccuracy(model, data, seeds, bootstrapSize)) : model;
    }

    private static double OutOfBagAccuracy(RandomForestClassifierModel model, DataView data, int[] seeds, int bootstrapSize)
    {
        int n = data.Count, k = model.Classes.Length;
        var votes = new double[n * k];
        var seen = new bool[n];
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var outOfBag = ForestBuilder.OutOfBag(seeds[t], n, bootstrapSize);
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
