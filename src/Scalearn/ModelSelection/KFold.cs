using Scalearn.Data;
using Scalearn.Execution;
using Scalearn.Numerics;

namespace Scalearn.ModelSelection;

/// <summary>Consecutive folds (after an optional shuffle); the first n % k folds get one extra row, as in scikit-learn.</summary>
public sealed class KFold(int nSplits = 5, bool shuffle = false, int? randomState = null)
    : KFoldSplitter(nSplits, shuffle, randomState)
{
    public override Folds Split(Dataset data)
    {
        int n = data.Count;
        SplitChecks.EnoughSamples(NSplits, n);
        var order = Enumerable.Range(0, n).ToArray();
        if (Shuffle) Rng.FromOptionalSeed(RandomState).Shuffle(order.AsSpan());
        var testFold = new int[n];
        int start = 0;
        for (int k = 0; k < NSplits; k++)
        {
            int size = n / NSplits + (k < n % NSplits ? 1 : 0);
            for (int i = start; i < start + size; i++) testFold[order[i]] = k;
            start += size;
        }
        return SplitChecks.FromTestFolds(testFold, NSplits);
    }
}
