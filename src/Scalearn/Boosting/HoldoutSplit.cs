using Scalearn.Data;
using Scalearn.Numerics;

namespace Scalearn.Boosting;

/// <summary>
/// The random, optionally stratified, row subsets early stopping needs: scikit-learn's train_test_split for the
/// validation set and its resample for the small training set scorers are computed on. Same semantics (sizes,
/// per-class proportions); the rows drawn differ from NumPy's since the generator is Scalearn's own.
/// </summary>
internal static class HoldoutSplit
{
    /// <summary>Splits <paramref name="data"/> into training and validation views.</summary>
    /// <param name="classIndex">Each row's class for a stratified split, or null.</param>
    /// <param name="size">A fraction in (0, 1) or a whole number of validation rows.</param>
    public static (DataView Train, DataView Validation) Split(DataView data, int[]? classIndex, double size, int seed)
    {
        int n = data.Count;
        int nTest = size >= 1 ? (int)size : (int)Math.Ceiling(size * n);
        int nTrain = n - nTest;
        if (nTest <= 0 || nTrain <= 0)
            throw new ArgumentException($"validation_fraction={size} leaves an empty training or validation set with n_samples={n}.");
        int classes = classIndex is null ? 0 : classIndex.Max() + 1;
        if (classIndex is not null && (nTest < classes || nTrain < classes))
            throw new ArgumentException(
                $"validation_fraction={size} gives {nTest} validation and {nTrain} training rows; a stratified split of {classes} classes needs at least {classes} of each.");
        var validation = Draw(n, classIndex, classes, nTest, seed);
        var isValidation = new bool[n];
        foreach (int i in validation) isValidation[i] = true;
        var train = Enumerable.Range(0, n).Where(i => !isValidation[i]).ToArray();
        return (Rows(data, train), Rows(data, validation));
    }

    /// <summary>At most <paramref name="size"/> rows of <paramref name="data"/> drawn without replacement (all rows when it has fewer).</summary>
    public static DataView Subsample(DataView data, int[]? classIndex, int size, int seed)
    {
        if (data.Count <= size) return data;
        int classes = classIndex is null ? 0 : classIndex.Max() + 1;
        return Rows(data, Draw(data.Count, classIndex, classes, size, seed));
    }

    private static int[] Draw(int n, int[]? classIndex, int classes, int count, int seed)
    {
        var rng = new Rng(seed);
        if (classIndex is null)
        {
            var all = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(all.AsSpan());
            var picked = all[..count];
            Array.Sort(picked);
            return picked;
        }
        var byClass = Enumerable.Range(0, classes).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < n; i++) byClass[classIndex[i]].Add(i);
        var quota = Allocate(byClass.Select(c => c.Count).ToArray(), n, count);
        var result = new List<int>(count);
        for (int k = 0; k < classes; k++)
        {
            var members = byClass[k].ToArray();
            rng.Shuffle(members.AsSpan());
            result.AddRange(members[..quota[k]]);
        }
        result.Sort();
        return result.ToArray();
    }

    /// <summary>Per-class counts proportional to the class sizes that add up to <paramref name="count"/> (largest remainders first).</summary>
    private static int[] Allocate(int[] sizes, int n, int count)
    {
        var quota = new int[sizes.Length];
        var remainders = new double[sizes.Length];
        int assigned = 0;
        for (int k = 0; k < sizes.Length; k++)
        {
            double exact = (double)count * sizes[k] / n;
            quota[k] = (int)Math.Floor(exact);
            remainders[k] = exact - quota[k];
            assigned += quota[k];
        }
        foreach (int k in Enumerable.Range(0, sizes.Length).OrderByDescending(k => remainders[k]).ThenBy(k => k))
        {
            if (assigned == count) break;
            if (quota[k] < sizes[k]) { quota[k]++; assigned++; }
        }
        return quota;
    }

    private static DataView Rows(DataView data, int[] positions)
    {
        var rows = new int[positions.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = data.SourceRow(positions[i]);
        return new DataView(data.Source, rows);
    }
}
