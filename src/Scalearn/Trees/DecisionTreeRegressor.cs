using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Trees;

/// <summary>scikit-learn's DecisionTreeRegressor (1.2.1 parameters and defaults).</summary>
[RegisteredEstimator]
public sealed class DecisionTreeRegressor : Estimator<DecisionTreeRegressorModel>, IRandomized, IRegressorEstimator
{
    public RegressionCriterion Criterion { get; set; } = RegressionCriterion.SquaredError;
    public SplitterKind Splitter { get; set; } = SplitterKind.Best;
    public int? MaxDepth { get; set => field = Check.AtLeastOrNull(value, 1, "max_depth"); }
    public CountOrFraction MinSamplesSplit { get; set => field = CountOrFraction.Validate(value, "min_samples_split", 2, false, true)!; } = 2;
    public CountOrFraction MinSamplesLeaf { get; set => field = CountOrFraction.Validate(value, "min_samples_leaf", 1, false, false)!; } = 1;
    public double MinWeightFractionLeaf { get; set => field = Check.InRange(value, 0, 0.5, "min_weight_fraction_leaf"); }
    public MaxFeatures MaxFeatures { get; set => field = value ?? MaxFeatures.All; } = MaxFeatures.All;
    public int? MaxLeafNodes { get; set => field = Check.AtLeastOrNull(value, 2, "max_leaf_nodes"); }
    public double MinImpurityDecrease { get; set => field = Check.NonNegative(value, "min_impurity_decrease"); }
    public int? RandomState { get; set; }
    public double CcpAlpha { get; set => field = Check.NonNegative(value, "ccp_alpha"); }

    protected override IModel FitCore(DataView data)
    {
        var encoding = FeatureEncoding.For(data.Source);
        var target = RegressionTargets.Check(data, TypeName, Criterion);
        int maxFeatures = MaxFeatures.Resolve(data.FeatureCount, classifier: false);
        var settings = TreeSettings.Resolve(Splitter, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, maxFeatures,
            MaxLeafNodes, MinImpurityDecrease, data.Count, data.Count, CcpAlpha);
        var grower = new RegressionGrower(encoding, settings, target, Criterion, data.Count);
        int samples = TreeSamples.Fill(grower, data, _ => 1.0, out _);
        var tree = grower.Grow(samples, Rng.FromOptionalSeed(RandomState));
        return new DecisionTreeRegressorModel(data.FeatureCount, tree);
    }
}
