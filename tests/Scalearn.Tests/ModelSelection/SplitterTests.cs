using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Tests.ModelSelection;

public class SplitterTests
{
    private static Dataset Labelled(params double[] y) => new(new Matrix(y.Length, 1), y);

    private static void AssertPartition(Folds folds, int n)
    {
        var tested = new int[n];
        foreach (var split in folds.Splits)
        {
            Assert.Empty(split.Train.Intersect(split.Test));
            Assert.Equal(n, split.Train.Length + split.Test.Length);
            foreach (int i in split.Test) tested[i]++;
        }
        Assert.All(tested, count => Assert.Equal(1, count));
    }

    [Fact]
    public void KFoldMatchesScikitLearnSizes()
    {
        var folds = new KFold(4).Split(Labelled(new double[10]));
        int[][] expected = [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9]];
        Assert.Equal(expected, folds.Splits.Select(s => s.Test).ToArray());
        AssertPartition(folds, 10);
    }

    [Fact]
    public void ShuffledKFoldIsAPartitionAndDeterministic()
    {
        var data = Labelled(new double[23]);
        var a = new KFold(5, shuffle: true, randomState: 3).Split(data);
        var b = new KFold(5, shuffle: true, randomState: 3).Split(data);
        var c = new KFold(5, shuffle: true, randomState: 4).Split(data);
        AssertPartition(a, 23);
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
        Assert.NotEqual(new KFold(5).Split(data).ContentHash, a.ContentHash);
    }

    [Fact]
    public void StratifiedKFoldMatchesScikitLearnWithoutShuffle()
    {
        var data = Labelled(2, 0, 1, 0, 0, 2, 1, 0, 0, 1, 2, 0, 1, 0, 0, 2, 0);
        var folds = new StratifiedKFold(3).Split(data);
        int[][] expected = [[0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11], [12, 13, 14, 15, 16]];
        Assert.Equal(expected, folds.Splits.Select(s => s.Test).ToArray());
    }

    [Fact]
    public void StratifiedKFoldKeepsClassProportions()
    {
        var data = TestData.Load("wine");
        var y = data.Y!;
        var folds = new StratifiedKFold(5, shuffle: true, randomState: 0).Split(data);
        AssertPartition(folds, y.Length);
        foreach (var label in y.Distinct())
        {
            int total = y.Count(v => v == label);
            foreach (var split in folds.Splits)
            {
                int inFold = split.Test.Count(i => y[i] == label);
                Assert.InRange(inFold, total / 5, (total + 4) / 5);
            }
        }
        Assert.Equal(folds.ContentHash, new StratifiedKFold(5, true, 0).Split(data).ContentHash);
    }

    [Fact]
    public void ShuffleSplitSizesAndNoOverlap()
    {
        var folds = new ShuffleSplit(4, testSize: 0.25, trainSize: 0.5, randomState: 1).Split(Labelled(new double[10]));
        Assert.Equal(4, folds.Count);
        foreach (var split in folds.Splits)
        {
            Assert.Equal(3, split.Test.Length);
            Assert.Equal(5, split.Train.Length);
            Assert.Empty(split.Train.Intersect(split.Test));
        }
        Assert.Equal(folds.ContentHash, new ShuffleSplit(4, 0.25, 0.5, 1).Split(Labelled(new double[10])).ContentHash);
        var counted = new ShuffleSplit(2, testSize: 4, randomState: 1).Split(Labelled(new double[10]));
        Assert.All(counted.Splits, s => Assert.Equal((6, 4), (s.Train.Length, s.Test.Length)));
    }

    [Fact]
    public void BadParametersAreRejected()
    {
        Assert.Equal("n_splits", Assert.Throws<ParameterException>(() => new KFold(1)).Parameter);
        Assert.Equal("random_state", Assert.Throws<ParameterException>(() => new StratifiedKFold(3, shuffle: false, randomState: 1)).Parameter);
        Assert.Equal("test_size", Assert.Throws<ParameterException>(() => new ShuffleSplit(testSize: 1.5)).Parameter);
        Assert.Equal("train_size", Assert.Throws<ParameterException>(() => new ShuffleSplit(testSize: 0.5, trainSize: 0.7)).Parameter);
        Assert.Throws<ArgumentException>(() => new ShuffleSplit(testSize: 8, trainSize: 5).Split(Labelled(new double[10])));
        Assert.Throws<ArgumentException>(() => new KFold(5).Split(Labelled(1, 2, 3)));
        var e = Assert.Throws<ArgumentException>(() => new StratifiedKFold(3).Split(Labelled(0, 0, 1, 1)));
        Assert.Contains("number of members in each class", e.Message);
        // scikit-learn only warns when some (not all) classes are smaller than n_splits.
        AssertPartition(new StratifiedKFold(3).Split(Labelled(0, 0, 0, 1)), 4);
    }
}
