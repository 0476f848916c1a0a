using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Preprocessing;
using Scalearn.Trees;

namespace Scalearn.ModelSelection;

/// <summary>The two parts of <see cref="TrainTestSplit.Split"/>: views of the source rows (no copy), in split order.</summary>
public sealed record TrainTestSplitResult(DataView Train, DataView Test)
{
    public int[] TrainIndices => Train.Indices!;
    public int[] TestIndices => Test.Indices!;
}

/// <summary>
/// scikit-learn's train_test_split. Sizes are a row count (int) or a fraction of the rows (double in (0, 1)):
/// test = ceil(test_size * n), train = floor(train_size * n), either defaulting to the rest, test_size to 0.25 when
/// both are unset. With <c>stratify</c> (class labels, usually <c>data.Y</c>) each class keeps its share in both parts,
/// as StratifiedShuffleSplit allocates it; without shuffling the first rows train and the next ones test.
/// </summary>
public static class TrainTestSplit
{
    public static TrainTestSplitResult Split(Dataset data, CountOrFraction? testSize = null, CountOrFraction? trainSize = null,
        int? randomState = null, bool shuffle = true, IReadOnlyList<double>? stratify = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (train, test) = Indices(data.Count, testSize, trainSize, randomState, shuffle, stratify);
        return new TrainTestSplitResult(data.Rows(train), data.Rows(test));
    }

    /// <summary>The train and test row indices for <paramref name="nSamples"/> rows (see <see cref="Split"/>).</summary>
    public static (int[] Train, int[] Test) Indices(int nSamples, CountOrFraction? testSize = null, CountOrFraction? trainSize = null,
        int? randomState = null, bool shuffle = true, IReadOnlyList<double>? stratify = null)
    {
        var (nTrain, nTest) = Sizes(nSamples, testSize, trainSize);
        if (stratify is not null && stratify.Count != nSamples)
            throw new ParameterException("stratify", $"'stratify' has {stratify.Count} labels but there are {nSamples} samples.");
        if (!shuffle)
        {
            if (stratify is not null) throw new ParameterException("stratify", "Stratified train/test split is not implemented for shuffle=False");
            return (Enumerable.Range(0, nTrain).ToArray(), Enumerable.Range(nTrain, nTest).ToArray());
        }
        var rng = Rng.FromOptionalSeed(randomState);
        return stratify is null ? Shuffled(nSamples, nTrain, nTest, rng) : Stratified(stratify, nTrain, nTest, rng);
    }

    /// <summary>scikit-learn's _validate_shuffle_split with test_size defaulting to 0.25: the (train, test) row counts.</summary>
    public static (int Train, int Test) Sizes(int nSamples, CountOrFraction? testSize, CountOrFraction? trainSize)
    {
        if (nSamples < 0) throw new ArgumentOutOfRangeException(nameof(nSamples), $"n_samples must be >= 0; got {nSamples}.");
        if (testSize is null && trainSize is null) testSize = 0.25;
        CheckSize(testSize, "test_size", nSamples);
        CheckSize(trainSize, "train_size", nSamples);
        if (testSize is { IsFraction: true } && trainSize is { IsFraction: true } && testSize.Fraction + trainSize.Fraction > 1)
            throw new ParameterException("train_size", $"The sum of test_size and train_size = {Show(testSize.Fraction + trainSize.Fraction)}, " +
                "should be in the (0, 1) range. Reduce test_size and/or train_size.");
        long nTest = testSize is null ? 0 : testSize.IsFraction ? (long)Math.Ceiling(testSize.Fraction * nSamples) : testSize.Count;
        long nTrain = trainSize is null ? nSamples - nTest : trainSize.IsFraction ? (long)Math.Floor(trainSize.Fraction * nSamples) : trainSize.Count;
        if (testSize is null) nTest = nSamples - nTrain;
        if (nTrain + nTest > nSamples)
            throw new ParameterException("train_size", $"The sum of train_size and test_size = {nTrain + nTest}, should be smaller than the number of samples {nSamples}. " +
                "Reduce test_size and/or train_size.");
        if (nTrain == 0)
            throw new ArgumentException($"With n_samples={nSamples}, test_size={Show(testSize)} and train_size={Show(trainSize)}, the resulting train set will be empty. " +
                "Adjust any of the aforementioned parameters.");
        return ((int)nTrain, (int)nTest);
    }

    private static void CheckSize(CountOrFraction? size, string parameter, int nSamples)
    {
        if (size is null) return;
        bool bad = size.IsFraction ? !(size.Fraction > 0 && size.Fraction < 1) : size.Count <= 0 || size.Count >= nSamples;
        if (bad)
            throw new ParameterException(parameter, $"{parameter}={Show(size)} should be either positive and smaller than the number of samples {nSamples} " +
                "or a float in the (0, 1) range");
    }

    private static (int[] Train, int[] Test) Shuffled(int nSamples, int nTrain, int nTest, Rng rng)
    {
        var permutation = Enumerable.Range(0, nSamples).ToArray();
        rng.Shuffle(permutation.AsSpan());
        return (permutation[nTest..(nTest + nTrain)], permutation[..nTest]);
    }

    /// <summary>StratifiedShuffleSplit's allocation: per class, train and test counts by <see cref="ApproximateMode"/>.</summary>
    private static (int[] Train, int[] Test) Stratified(IReadOnlyList<double> y, int nTrain, int nTest, Rng rng)
    {
        var classes = new SortedDictionary<double, List<int>>();
        for (int i = 0; i < y.Count; i++)
        {
            if (double.IsNaN(y[i])) throw new ParameterException("stratify", $"'stratify' has NaN at row {i}; class labels must be numbers.");
            if (!classes.TryGetValue(y[i], out var rows)) classes[y[i]] = rows = [];
            rows.Add(i);
        }
        var members = classes.Values.ToArray();
        var counts = members.Select(m => m.Count).ToArray();
        if (counts.Min() < 2)
            throw new ArgumentException("The least populated class in y has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.");
        if (nTrain < members.Length)
            throw new ArgumentException($"The train_size = {nTrain} should be greater or equal to the number of classes = {members.Length}");
        if (nTest < members.Length)
            throw new ArgumentException($"The test_size = {nTest} should be greater or equal to the number of classes = {members.Length}");
        var trainPerClass = ApproximateMode(counts, nTrain, rng);
        var testPerClass = ApproximateMode(counts.Select((c, k) => c - trainPerClass[k]).ToArray(), nTest, rng);
        var train = new List<int>(nTrain);
        var test = new List<int>(nTest);
        for (int k = 0; k < members.Length; k++)
        {
            var rows = members[k].ToArray();
            rng.Shuffle(rows.AsSpan());
            train.AddRange(rows.AsSpan(0, trainPerClass[k]));
            test.AddRange(rows.AsSpan(trainPerClass[k], testPerClass[k]));
        }
        var trainRows = train.ToArray();
        var testRows = test.ToArray();
        rng.Shuffle(trainRows.AsSpan());
        rng.Shuffle(testRows.AsSpan());
        return (trainRows, testRows);
    }

    /// <summary>
    /// scikit-learn's _approximate_mode: draws <paramref name="draws"/> items from classes of the given sizes as close to
    /// proportionally as whole numbers allow; the leftover draws go to the largest fractional remainders, ties broken at random.
    /// </summary>
    internal static int[] ApproximateMode(int[] classCounts, int draws, Rng rng)
    {
        long total = classCounts.Sum(c => (long)c);
        var continuous = classCounts.Select(c => (double)c / total * draws).ToArray();
        var floored = continuous.Select(Math.Floor).ToArray();
        int needToAdd = (int)(draws - floored.Sum());
        if (needToAdd > 0)
        {
            var remainder = continuous.Select((c, k) => c - floored[k]).ToArray();
            foreach (double value in remainder.Distinct().OrderDescending())
            {
                var tied = Enumerable.Range(0, remainder.Length).Where(k => remainder[k] == value).ToArray();
                int addNow = Math.Min(tied.Length, needToAdd);
                rng.Shuffle(tied.AsSpan());
                foreach (int k in tied.AsSpan(0, addNow)) floored[k]++;
                needToAdd -= addNow;
                if (needToAdd == 0) break;
            }
        }
        return floored.Select(f => (int)f).ToArray();
    }

    private static string Show(CountOrFraction? size) => size is null ? "None" : size.IsFraction ? Show(size.Fraction) : size.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Show(double fraction) => EncodedFeature.FormatNumber(fraction);
}
