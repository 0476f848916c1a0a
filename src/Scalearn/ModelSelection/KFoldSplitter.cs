using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>Settings shared by the k-fold splitters: the number of folds and an optional seeded shuffle.</summary>
public abstract class KFoldSplitter : ICrossValidator
{
    protected KFoldSplitter(int nSplits, bool shuffle, int? randomState)
    {
        NSplits = SplitChecks.NSplits(nSplits);
        SplitChecks.RandomStateNeedsShuffle(shuffle, randomState);
        Shuffle = shuffle;
        RandomState = randomState;
    }

    public int NSplits { get; }
    public bool Shuffle { get; }
    public int? RandomState { get; }

    public abstract Folds Split(Dataset data);
}
