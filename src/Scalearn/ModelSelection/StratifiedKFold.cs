using Scalearn.Data;
using Scalearn.Execution;
using Scalearn.Numerics;

namespace Scalearn.ModelSelection;

/// <summary>
/// K folds that keep class proportions, with scikit-learn 1.2.1's allocation: the rows sorted by class are dealt to
/// the folds round-robin, so each fold's class counts differ by at most one; shuffling permutes which rows of a class
/// land in which fold.
/// </summary>
public sealed class StratifiedKFold(int nSplits = 5, bool shuffle = false, int? randomState = null)
    : KFoldSplitter(nSplits, shuffle, randomState)
{
    public override Folds Split(Dataset data)
    {
        var y = data.Y ?? throw new ArgumentException("StratifiedKFold needs a target column to stratify on.");
        int n = y.Length;
        SplitChecks.EnoughSamples(NSplits, n);
        // Classes are numbered in order of first appearance, as scikit-learn does.
        var code = new Dictionary<double, int>();
        var encoded = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!code.TryGetValue(y[i], out int c)) code[y[i]] = c = code.Count;
            encoded[i] = c;
        }
        int classes = code.Count;
        var counts = new int[classes];
        foreach (int c in encoded) counts[c]++;
        if (counts.All(c => NSplits > c))
            throw new ArgumentException($"n_splits={NSplits} cannot be greater than the number of members in each class.");

        // allocation[k, c] = number of class-c rows in fold k: bincount of y_order[k::n_splits].
        var sorted = encoded.Order().ToArray();
        var allocation = new int[NSplits, classes];
        for (int i = 0; i < n; i++) allocation[i % NSplits, sorted[i]]++;

        var rng = Shuffle ? Rng.FromOptionalSeed(RandomState) : null;
        var testFold = new int[n];
        for (int c = 0; c < classes; c++)
        {
            var foldsForClass = new int[counts[c]];
            int p = 0;
            for (int k = 0; k < NSplits; k++)
                for (int j = 0; j < allocation[k, c]; j++) foldsForClass[p++] = k;
            rng?.Shuffle(foldsForClass.AsSpan());
            p = 0;
            for (int i = 0; i < n; i++) if (encoded[i] == c) testFold[i] = foldsForClass[p++];
        }
        return SplitChecks.FromTestFolds(testFold, NSplits);
    }
}
