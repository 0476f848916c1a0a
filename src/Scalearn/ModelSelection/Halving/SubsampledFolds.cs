using Scalearn.Numerics;

namespace Scalearn.ModelSelection.Halving;

/// <summary>
/// The folds of a rung that uses n_samples as its resource: each split's train and test rows subsampled to the rung's
/// fraction without replacement (scikit-learn's _SubsampleMetaSplitter with subsample_test). Every split draws from one
/// fixed permutation of its rows, so all candidates of a rung see the same rows and each rung's rows contain the last's.
/// </summary>
internal sealed class SubsampledFolds(Folds folds, int seed)
{
    private readonly int[][] _trainOrder = folds.Splits.Select((s, i) => Permuted(s.Train, seed, 2 * i)).ToArray();
    private readonly int[][] _testOrder = folds.Splits.Select((s, i) => Permuted(s.Test, seed, 2 * i + 1)).ToArray();

    public Folds For(long resources, long samples)
    {
        if (resources >= samples) return folds;
        double fraction = (double)resources / samples;
        return new Folds(folds.Splits.Select((_, i) => new Split(Take(_trainOrder[i], fraction), Take(_testOrder[i], fraction))).ToArray());
    }

    private static int[] Take(int[] order, double fraction) => order[..(int)(fraction * order.Length)];

    private static int[] Permuted(int[] rows, int seed, int stream)
    {
        var order = (int[])rows.Clone();
        new Rng(Rng.Derive(seed, stream)).Shuffle(order.AsSpan());
        return order;
    }
}
