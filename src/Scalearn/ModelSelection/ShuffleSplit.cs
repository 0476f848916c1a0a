using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Numerics;

namespace Scalearn.ModelSelection;

/// <summary>
/// Independent random train/test splits: test = ceil(test_size * n), train = floor(train_size * n) or the rest;
/// sizes >= 1 are row counts.
/// </summary>
public sealed class ShuffleSplit : ICrossValidator
{
    public ShuffleSplit(int nSplits = 10, double testSize = 0.1, double? trainSize = null, int? randomState = null)
    {
        NSplits = nSplits >= 1 ? nSplits : throw new ParameterException("n_splits", $"Parameter 'n_splits' must be an integer >= 1; got {nSplits}.");
        TestSize = CheckSize(testSize, "test_size");
        if (trainSize is double t) CheckSize(t, "train_size");
        if (testSize < 1 && trainSize is < 1 && testSize + trainSize > 1)
            throw new ParameterException("train_size", $"The sum of test_size and train_size = {testSize + trainSize}, should be <= 1.");
        TrainSize = trainSize;
        RandomState = randomState;
    }

    /// <summary>A fraction in (0, 1), or a whole number of rows when >= 1 (scikit-learn's float/int sizes).</summary>
    private static double CheckSize(double size, string parameter) =>
        size > 0 && double.IsFinite(size) && (size < 1 || size == Math.Floor(size)) ? size
            : throw new ParameterException(parameter, $"Parameter '{parameter}' must be a fraction in (0, 1) or a whole number of rows >= 1; got {ParamConverter.Format(size)}.");

    public int NSplits { get; }
    public double TestSize { get; }
    public double? TrainSize { get; }
    public int? RandomState { get; }

    public Folds Split(Dataset data)
    {
        int n = data.Count;
        int nTest = TestSize >= 1 ? (int)TestSize : (int)Math.Ceiling(TestSize * n);
        int nTrain = TrainSize switch
        {
            double t when t >= 1 => (int)t,
            double t => (int)Math.Floor(t * n),
            null => n - nTest,
        };
        if (nTrain <= 0 || nTest <= 0 || nTrain + nTest > n)
            throw new ArgumentException($"With n_samples={n}, test_size={TestSize} and train_size={TrainSize?.ToString() ?? "null"}, a set would be empty; adjust the sizes.");
        var rng = Rng.FromOptionalSeed(RandomState);
        var splits = new Split[NSplits];
        for (int s = 0; s < NSplits; s++)
        {
            var permutation = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(permutation.AsSpan());
            var test = permutation[..nTest];
            var train = permutation[nTest..(nTest + nTrain)];
            Array.Sort(test);
            Array.Sort(train);
            splits[s] = new Split(train, test);
        }
        return new Folds(splits);
    }
}
