using Scalearn.Estimators;

namespace Scalearn.ModelSelection;

internal static class SplitChecks
{
    public static int NSplits(int nSplits) =>
        nSplits >= 2 ? nSplits : throw new ParameterException("n_splits", $"Parameter 'n_splits' must be an integer >= 2; got {nSplits}.");

    public static void RandomStateNeedsShuffle(bool shuffle, int? randomState)
    {
        if (!shuffle && randomState is not null)
            throw new ParameterException("random_state", "Setting a random_state has no effect since shuffle is False. Set shuffle=true or leave random_state null.");
    }

    public static void EnoughSamples(int nSplits, int samples)
    {
        if (nSplits > samples)
            throw new ArgumentException($"Cannot have number of splits n_splits={nSplits} greater than the number of samples: n_samples={samples}.");
    }

    /// <summary>Turns a per-row fold number into splits whose index arrays are sorted, like scikit-learn's masks.</summary>
    public static Folds FromTestFolds(int[] testFold, int nSplits)
    {
        var splits = new Split[nSplits];
        for (int k = 0; k < nSplits; k++)
        {
            var test = new List<int>();
            var train = new List<int>();
            for (int i = 0; i < testFold.Length; i++) (testFold[i] == k ? test : train).Add(i);
            splits[k] = new Split(train.ToArray(), test.ToArray());
        }
        return new Folds(splits);
    }
}
