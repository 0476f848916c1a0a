using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;

namespace Scalearn.ModelSelection;

/// <summary>
/// scikit-learn's TimeSeriesSplit over rows in time order: split k tests the k-th of n_splits consecutive blocks of
/// test_size rows (default n / (n_splits + 1)) ending at the last row, and trains on the rows before it less
/// <c>gap</c> rows, or on at most max_train_size of them.
/// </summary>
public sealed class TimeSeriesSplit : ICrossValidator
{
    public TimeSeriesSplit(int nSplits = 5, int? maxTrainSize = null, int? testSize = null, int gap = 0)
    {
        NSplits = SplitChecks.NSplits(nSplits);
        MaxTrainSize = maxTrainSize is null or >= 1 ? maxTrainSize
            : throw new ParameterException("max_train_size", $"Parameter 'max_train_size' must be an integer >= 1 or null; got {maxTrainSize}.");
        TestSize = testSize is null or >= 1 ? testSize
            : throw new ParameterException("test_size", $"Parameter 'test_size' must be an integer >= 1 or null; got {testSize}.");
        Gap = gap >= 0 ? gap : throw new ParameterException("gap", $"Parameter 'gap' must be an integer >= 0; got {gap}.");
    }

    public int NSplits { get; }
    public int? MaxTrainSize { get; }
    public int? TestSize { get; }
    public int Gap { get; }

    public Folds Split(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.Count, folds = NSplits + 1;
        int testSize = TestSize ?? n / folds;
        if (folds > n) throw new ArgumentException($"Cannot have number of folds={folds} greater than the number of samples={n}.");
        if ((long)n - Gap - (long)testSize * NSplits <= 0)
            throw new ArgumentException($"Too many splits={NSplits} for number of samples={n} with test_size={testSize} and gap={Gap}.");
        var splits = new Split[NSplits];
        for (int k = 0; k < NSplits; k++)
        {
            int testStart = n - (NSplits - k) * testSize;
            int trainEnd = testStart - Gap;
            int trainStart = MaxTrainSize is int max && max < trainEnd ? trainEnd - max : 0;
            splits[k] = new Split(Enumerable.Range(trainStart, trainEnd - trainStart).ToArray(), Enumerable.Range(testStart, testSize).ToArray());
        }
        return new Folds(splits);
    }
}
