using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Svm;

namespace Scalearn.Trees;

/// <summary>scikit-learn's DecisionTreeClassifier (1.2.1 parameters and defaults).</summary>
[RegisteredEstimator]
public sealed class DecisionTreeClassifier : Estimator<DecisionTreeClassifierModel>, IClassifierEstimator, IRandomized
{
    public ClassificationCriterion Criterion { get; set; } = ClassificationCriterion.Gini;
    public SplitterKind Splitter { get; set; } = SplitterKind.Best;
    public int? MaxDepth { get; set => field = Check.AtLeastOrNull(value, 1, "max_depth"); }
    public CountOrFraction MinSamplesSplit { get; set => field = CountOrFraction.Validate(value, "min_samples_split", 2, false, true)!; } = 2;
    public CountOrFraction MinSamplesLeaf { get; set => field = CountOrFraction.Validate(value, "min_samples_leaf", 1, false, false)!; } = 1;
    public double MinWeightFractionLeaf { get; set => field = Check.InRange(value, 0, 0.5, "min_weight_fraction_leaf"); }
    public MaxFeatures MaxFeatures { get; set => field = value ?? MaxFeatures.All; } = MaxFeatures.All;
    public int? MaxLeafNodes { get; set => field = Check.AtLeastOrNull(value, 2, "max_leaf_nodes"); }
    public double MinImpurityDecrease { get; set => field = Check.NonNegative(value, "min_impurity_decrease"); }
    public int? RandomState { get; set; }
    public ClassWeightOption ClassWeight { get; set => field = ClassWeightOption.WithoutSubsample(value, nameof(DecisionTreeClassifier)); } = ClassWeightOption.None;
    public double CcpAlpha { get; set => field = Check.NonNegative(value, "ccp_alpha"); }

    protected override IModel FitCore(DataView data)
    {
        var encoding = FeatureEncoding.For(data.Source);
        var targets = ClassTargets.Encode(data, TypeName);
        var classWeights = ClassWeight.Resolve(targets.Classes, targets.Counts);
        int maxFeatures = MaxFeatures.Resolve(data.FeatureCount, classifier: true);
        var placeholder = TreeSettings.Resolve(Splitter, MaxDepth, MinSamplesSplit, MinSamplesLeaf, MinWeightFractionLeaf, maxFeatures,
            MaxLeafNodes, MinImpurityDecrease, data.Count, data.Count, CcpAlpha);
        bool entropy = Criterion != ClassificationCriterion.Gini;
        var grower = new ClassificationGrower(encoding, placeholder, targets.Classes.Length, targets.ClassOf, entropy, data.Count);
        int samples = TreeSamples.Fill(grower, data, r => classWeights[targets.ClassOf[r]], out double totalWeight);
        grower.Settings = placeholder with { MinWeightLeaf = MinWeightFractionLeaf * totalWeight };
        grower.PrepareWeights(samples, integerWeights: ClassWeight.Equals(ClassWeightOption.None));
        var tree = grower.Grow(samples, Rng.FromOptionalSeed(RandomState));
        return new DecisionTreeClassifierModel(targets.Classes, data.FeatureCount, tree);
    }
}
