using Scalearn.Data;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>
/// K folds that never split a group (scikit-learn 1.2's GroupKFold): groups go, largest first, to the fold with the
/// fewest rows so far. Equal-sized groups are taken in the order numpy's (unstable) argsort leaves them, reversed,
/// so the folds equal scikit-learn's exactly. Groups come through <see cref="SplitColumns.Groups"/>.
/// </summary>
public sealed class GroupKFold(int nSplits = 5) : ICrossValidator
{
    public int NSplits { get; } = SplitChecks.NSplits(nSplits);

    public Folds Split(Dataset data) =>
        throw new ArgumentException("GroupKFold needs the group of each row: pass SplitColumns with Groups (CLI: --groups COLUMN).");

    public Folds Split(Dataset data, SplitColumns columns)
    {
        ArgumentNullException.ThrowIfNull(data);
        var groups = columns?.Groups ?? throw new ArgumentException("GroupKFold needs the group of each row: SplitColumns.Groups is not set (CLI: --groups COLUMN).");
        int n = data.Count;
        if (groups.Length != n) throw new ArgumentException($"There are {groups.Length} group labels for {n} rows.");
        SplitChecks.EnoughSamples(NSplits, n);
        if (NSplits > groups.Count)
            throw new ArgumentException($"Cannot have number of splits n_splits={NSplits} greater than the number of groups: {groups.Count}.");

        var rowsPerGroup = new double[groups.Count];
        foreach (int g in groups.Codes) rowsPerGroup[g]++;
        var order = NumpyArgsort.Of(rowsPerGroup);
        Array.Reverse(order);
        var rowsPerFold = new double[NSplits];
        var foldOfGroup = new int[groups.Count];
        foreach (int g in order)
        {
            int lightest = 0;
            for (int f = 1; f < NSplits; f++) if (rowsPerFold[f] < rowsPerFold[lightest]) lightest = f;
            rowsPerFold[lightest] += rowsPerGroup[g];
            foldOfGroup[g] = lightest;
        }
        var testFold = new int[n];
        for (int i = 0; i < n; i++) testFold[i] = foldOfGroup[groups.Codes[i]];
        return SplitChecks.FromTestFolds(testFold, NSplits);
    }
}
