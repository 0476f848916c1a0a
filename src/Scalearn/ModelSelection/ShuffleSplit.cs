using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Numerics;

namespace Scalearn.ModelSelection;

/// <summary>Independent random train/test splits: test = ceil(test_size * n), train = floor(train_size * n) or the rest.</summary>
public sealed class ShuffleSplit : ICrossValidator
{
    public ShuffleSplit(int nSplits = 10, double testSize = 0.1, double? trainSize = null, int? randomState = null)
    {
        NSplits = nSplits >= 1 ? nSplits : throw new ParameterException("n_splits", $"Parameter 'n_splits' must be an integer >= 1; got {nSplits}.");
        TestSize = Check.InRange(testSize, 0, 1, "test_size", minInclusive: false, maxInclusive: false);
        if (trainSize is double t) Check.InRange(t, 0, 1, "train_size", minInclusive: false, maxInclusive: false);
        if (testSize + (trainSize ?? 0) > 1)
            throw new ParameterException("train_size", $"The sum of test_size and train_size = {testSize + trainSize}, should be <= 1.");
        TrainSize = trainSize;
        RandomState = randomState;
    }

    public int NSplits { get; }
    public double TestSize { get; }
    public double? TrainSize { get; }
    public int? RandomState { get; }

    public Folds Split(Dataset data)
    {
        int n = data.Count;
        int nTest = (int)Math.Ceiling(TestSize * n);
        int nTrain = TrainSize is double t ? (int)Math.Floor(t * n) : n - nTest;
        if (nTrain <= 0 || nTest <= 0 || nTrain + nTest > n)
            throw new ArgumentException($"With n_samples={n}, test_size={TestSize} and train_size={TrainSize?.ToString() ?? "null"}, a set would be empty; adjust the sizes.");
        var rng = Rng.FromOptionalSeed(RandomState);
        var splits = new Execution.Split[NSplits];
        for (int s = 0; s < NSplits; s++)
        {
            var permutation = Enumerable.Range(0, n).ToArray();
            rng.Shuffle(permutation.AsSpan());
            var test = permutation[..nTest];
            var train = permutation[nTest..(nTest + nTrain)];
            Array.Sort(test);
            Array.Sort(train);
            splits[s] = new Execution.Split(train, test);
        }
        return new Folds(splits);
    }
}
