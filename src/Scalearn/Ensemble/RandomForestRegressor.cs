using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Trees;

namespace Scalearn.Ensemble;

/// <summary>scikit-learn's RandomForestRegressor (1.2.1 parameters and defaults, max_features=1.0); trees are grown in parallel over n_jobs threads.</summary>
[RegisteredEstimator]
public sealed class RandomForestRegressor : Estimator<RandomForestRegressorModel>, IRandomized, IRegressorEstimator
{
    public int NEstimators { get; set => field = Check.AtLeast(value, 1, "n_estimators"); } = 100;
    public RegressionCriterion Criterion { get; set; } = RegressionCriterion.SquaredError;
    public int? MaxDepth { get; set => field = Check.AtLeastOrNull(value, 1, "max_depth"); }
    public CountOrFraction MinSamplesSplit { get; set => field = CountOrFraction.Validate(value, "min_samples_split", 2, false, true)!; } = 2;
    public CountOrFraction MinSamplesLeaf { get; set => field = CountOrFraction.Validate(value, "min_samples_leaf", 1, false, false)!; } = 1;
    public double MinWeightFractionLeaf { get; set => field = Check.InRange(value, 0, 0.5, "min_weight_fraction_leaf"); }
    public MaxFeatures MaxFeatures { get; set => field = value ?? MaxFeatures.All; } = MaxFeatures.OfFraction(1.0);
    public int? MaxLeafNodes { get; set => field = Check.AtLeastOrNull(value, 2, "max_leaf_nodes"); }
    public double MinImpurityDecrease { get; set => field = Check.NonNegative(value, "min_impurity_decrease"); }
    public bool Bootstrap { get; set; } = true;
    public bool OobScore { get; set; }
    public int? NJobs { get; set => field = JobCount.Check(value); }
    public int? RandomState { get; set; }
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
        var target = RegressionTargets.Check(data, TypeName, Criterion);
        int maxFeatures = MaxFeatures.Resolve(data.FeatureCount, classifier: false);
        int bootstrapSize = Bootstrap ? ForestBuilder.BootstrapSize(MaxSamples, data.Count) : data.Count;
        var settings = TreeSettings.Resolve(SplitterKind.Best, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, maxFeatures,
            MaxLeafNodes, MinImpurityDecrease, data.Count, data.Count, CcpAlpha);
        var (kept, seeds) = Ensemble.WarmStart.Plan(_fitted, WarmStart, NEstimators, ForestBuilder.Seed(RandomState), data.FeatureCount, null, TypeName);
        int jobs = JobCount.Resolve(NJobs);
        var criterion = Criterion;
        var grown = ForestBuilder.Grow(seeds.AsSpan(kept.Length), jobs, data, Bootstrap, bootstrapSize,
            () => new RegressionGrower(encoding, settings, target, criterion, data.Count),
            (grower, count) =>
            {
                double total = 0;
                for (int i = 0; i < count; i++) total += grower.Weight[grower.Samples[i]];
                grower.Settings = settings with { MinWeightLeaf = MinWeightFractionLeaf * total };
                return count;
            }, Verbose, TypeName);
        DecisionTree[] trees = [.. kept, .. grown];
        _fitted = WarmStart ? new ForestState(trees, seeds, data.FeatureCount, null) : null;
        var model = new RandomForestRegressorModel(data.FeatureCount, trees, ForestBuilder.MeanImportances(trees, data.FeatureCount), null, jobs);
        return OobScore ? model.WithOobScore(OutOfBagR2(model, data, seeds, bootstrapSize)) : model;
    }

    private static double OutOfBagR2(RandomForestRegressorModel model, DataView data, int[] seeds, int bootstrapSize)
    {
        int n = data.Count;
        var sum = new double[n];
        var votes = new int[n];
        for (int t = 0; t < model.Trees.Count; t++)
        {
            var outOfBag = ForestBuilder.OutOfBag(seeds[t], n, bootstrapSize);
            for (int i = 0; i < n; i++)
            {
                if (!outOfBag[i]) continue;
                votes[i]++;
                sum[i] += model.Trees[t].LeafValues(data.Row(i))[0];
            }
        }
        double mean = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) if (votes[i] > 0) { mean += data.Target(i); scored++; }
        if (scored == 0) return double.NaN;
        mean /= scored;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < n; i++)
        {
            if (votes[i] == 0) continue;
            double y = data.Target(i), p = sum[i] / votes[i];
            ssRes += (y - p) * (y - p);
            ssTot += (y - mean) * (y - mean);
        }
        return ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
    }
}
