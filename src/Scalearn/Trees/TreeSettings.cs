namespace Scalearn.Trees;

/// <summary>Tree-growing limits resolved against the training data (counts, not fractions).</summary>
internal sealed record TreeSettings(
    SplitterKind Splitter,
    int MaxDepth,
    int MinSamplesSplit,
    int MinSamplesLeaf,
    double MinWeightLeaf,
    int MaxFeatures,
    int? MaxLeafNodes,
    double MinImpurityDecrease,
    double CcpAlpha = 0)
{
    /// <summary>Resolves scikit-learn's structure parameters for <paramref name="rows"/> training rows of total weight <paramref name="totalWeight"/>.</summary>
    public static TreeSettings Resolve(SplitterKind splitter, int? maxDepth, CountOrFraction minSamplesSplit, CountOrFraction minSamplesLeaf,
        double minWeightFractionLeaf, int maxFeatures, int? maxLeafNodes, double minImpurityDecrease, int rows, double totalWeight, double ccpAlpha = 0)
    {
        int leaf = minSamplesLeaf.IsFraction ? (int)Math.Ceiling(minSamplesLeaf.Fraction * rows) : minSamplesLeaf.Count;
        int split = minSamplesSplit.IsFraction ? Math.Max(2, (int)Math.Ceiling(minSamplesSplit.Fraction * rows)) : minSamplesSplit.Count;
        split = Math.Max(split, 2 * leaf);
        return new TreeSettings(splitter, maxDepth ?? int.MaxValue, split, leaf, minWeightFractionLeaf * totalWeight, maxFeatures,
            maxLeafNodes, minImpurityDecrease, ccpAlpha);
    }
}
