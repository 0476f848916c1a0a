using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Numerics;

namespace Scalearn.Tests.Linear;

public class SgdIncrementalTests
{
    private static DataView Chunk(Dataset data, int start, int count) => data.Rows(Enumerable.Range(start, count).ToArray());

    [Fact]
    public void OneEpochPartialFitsOverChunksEqualOneEpochFit()
    {
        var data = SgdTests.LinearData(600, 4, 9);
        var fitted = (LinearRegressorModel)new SGDRegressor { MaxIter = 1, Tol = null, Shuffle = false }.Fit(data);
        var learner = new SGDRegressor { Shuffle = false }.StartIncremental();
        learner.PartialFit(Chunk(data, 0, 250));
        learner.PartialFit(Chunk(data, 250, 350));
        var streamed = (LinearRegressorModel)learner.Snapshot();
        Assert.Equal(600, learner.RowsSeen);
        LinearTestHelpers.AssertAllClose(fitted.Coef, streamed.Coef, 1e-12, "coef");
        Assert.Equal(fitted.Intercept, streamed.Intercept, 12);
    }

    [Fact]
    public void ClassifierPartialFitMatchesOneEpochFitOnTheSameRows()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("iris"));
        var fitted = (LinearClassifierModel)new SGDClassifier { MaxIter = 1, Tol = null, Shuffle = false }.Fit(data);
        var learner = new SGDClassifier { Shuffle = false }.StartIncremental();
        learner.PartialFit(data);
        var streamed = (LinearClassifierModel)learner.Snapshot();
        Assert.Equal(fitted.Coef.Values, streamed.Coef.Values);
    }

    [Fact]
    public void FirstCallFixesTheClassesAndUnknownLabelsAreRejected()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("iris"));
        var learner = new SGDClassifier { RandomState = 0 }.StartIncremental();
        learner.PartialFit(Chunk(data, 0, 100), [0.0, 1.0, 2.0]);
        learner.PartialFit(Chunk(data, 100, 50));
        Assert.Equal([0.0, 1.0, 2.0], ((LinearClassifierModel)learner.Snapshot()).Classes);

        var twoClasses = new SGDClassifier { RandomState = 0 }.StartIncremental();
        twoClasses.PartialFit(Chunk(data, 0, 100));
        var error = Assert.Throws<ArgumentException>(() => twoClasses.PartialFit(Chunk(data, 100, 50)));
        Assert.Contains("label 2", error.Message);
        Assert.Contains("[0, 1]", error.Message);
        Assert.Throws<ArgumentException>(() => twoClasses.PartialFit(Chunk(data, 0, 10), [0.0, 1.0, 2.0]));
    }

    [Fact]
    public void FirstChunkWithOneClassAndNoClassListIsRejected()
    {
        var data = TestData.Load("iris");
        var learner = new SGDClassifier().StartIncremental();
        Assert.Contains("pass all classes", Assert.Throws<ArgumentException>(() => learner.PartialFit(Chunk(data, 0, 20))).Message);
    }

    [Fact]
    public void ChangingTheFeatureCountIsRejectedNamingBothCounts()
    {
        var learner = new SGDRegressor().StartIncremental();
        learner.PartialFit(SgdTests.LinearData(50, 3, 1));
        var error = Assert.Throws<ArgumentException>(() => learner.PartialFit(SgdTests.LinearData(50, 4, 1)));
        Assert.Contains("4", error.Message);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void SnapshotBeforeAnyDataAndBalancedWeightsAreErrors()
    {
        Assert.Throws<InvalidOperationException>(() => new SGDRegressor().StartIncremental().Snapshot());
        var balanced = new SGDClassifier();
        balanced.SetParam("class_weight", "balanced");
        Assert.Equal("class_weight", Assert.Throws<ParameterException>(() => balanced.StartIncremental()).Parameter);
    }

    [Fact]
    public void NaNInAChunkIsRejected()
    {
        var data = SgdTests.LinearData(20, 2, 1);
        data.X[3, 1] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => new SGDRegressor().StartIncremental().PartialFit(data));
        Assert.Contains("row 3", error.Message);
    }

    /// <summary>
    /// Whole-dataset chunks wide enough for the deferred epoch are checked while training, not before: a bad value
    /// must still be reported by row and column, and must cost nothing already learned or change what comes after.
    /// </summary>
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "infinity")]
    [InlineData(double.NegativeInfinity, "infinity")]
    public void ABadValueInAStreamedChunkIsReportedAndLosesNothing(double bad, string named)
    {
        var first = SgdTests.LinearData(300, 12, 1, noise: 0.1);
        var broken = SgdTests.LinearData(300, 12, 2, noise: 0.1);
        broken.X[217, 9] = bad;
        var last = SgdTests.LinearData(300, 12, 3, noise: 0.1);

        var learner = new SGDRegressor { RandomState = 0 }.StartIncremental();
        learner.PartialFit(first);
        var before = (LinearRegressorModel)learner.Snapshot();
        var error = Assert.Throws<ArgumentException>(() => learner.PartialFit(broken));
        Assert.Contains($"{named} at row 217, column 9", error.Message);
        Assert.Equal(before.Coef, ((LinearRegressorModel)learner.Snapshot()).Coef);
        Assert.Equal(300, learner.RowsSeen);
        learner.PartialFit(last);

        var clean = new SGDRegressor { RandomState = 0 }.StartIncremental();
        clean.PartialFit(first);
        clean.PartialFit(last);
        Assert.Equal(((LinearRegressorModel)clean.Snapshot()).Coef, ((LinearRegressorModel)learner.Snapshot()).Coef);
    }

    [Fact]
    public void ABadValueInAStreamedMulticlassChunkIsReportedAndLosesNothing()
    {
        Dataset Blobs(int seed)
        {
            var rng = new Rng(seed);
            var x = new Matrix(300, 12);
            var y = new double[300];
            for (int i = 0; i < 300; i++)
            {
                y[i] = i % 3;
                for (int j = 0; j < 12; j++) x[i, j] = rng.NextGaussian() + (j == i % 3 ? 2.0 : 0.0);
            }
            return new Dataset(x, y);
        }
        var first = Blobs(1);
        var broken = Blobs(2);
        broken.X[123, 4] = double.NaN;
        var last = Blobs(3);
        double[] classes = [0, 1, 2];

        var learner = new SGDClassifier { RandomState = 0 }.StartIncremental();
        learner.PartialFit(first, classes);
        var before = ((LinearClassifierModel)learner.Snapshot()).Coef.Values;
        var error = Assert.Throws<ArgumentException>(() => learner.PartialFit(broken));
        Assert.Contains("NaN at row 123, column 4", error.Message);
        Assert.Equal(before, ((LinearClassifierModel)learner.Snapshot()).Coef.Values);
        learner.PartialFit(last);

        var clean = new SGDClassifier { RandomState = 0 }.StartIncremental();
        clean.PartialFit(first, classes);
        clean.PartialFit(last);
        Assert.Equal(((LinearClassifierModel)clean.Snapshot()).Coef.Values, ((LinearClassifierModel)learner.Snapshot()).Coef.Values);
    }

    [Fact]
    public void FiniteDataWhosePredictionsOverflowFailsAsIfCheckedBeforehand()
    {
        // The epoch over unchecked rows stops at the first infinite prediction, finds the data finite and trains the
        // chunk again the usual way, which reports the overflow. A row-index view of the same data is always checked
        // beforehand: both must fail alike.
        var data = SgdTests.LinearData(200, 12, 5);
        for (int i = 0; i < 200; i++) data.X[i, 0] = 1e200;
        var streamed = Assert.Throws<ArithmeticException>(() => new SGDRegressor { RandomState = 0 }.StartIncremental().PartialFit(data));
        var viewed = Assert.Throws<ArithmeticException>(() =>
            new SGDRegressor { RandomState = 0 }.StartIncremental().PartialFit(data.Rows(Enumerable.Range(0, 200).ToArray())));
        Assert.Equal(viewed.Message, streamed.Message);
        Assert.Contains("overflow", streamed.Message);
    }

    [Fact]
    public void StreamingIsDeterministicAndSnapshotsAreIndependent()
    {
        var data = SgdTests.LinearData(3000, 6, 4, noise: 0.1);
        LinearRegressorModel Stream()
        {
            var learner = new SGDRegressor { RandomState = 0 }.StartIncremental();
            for (int start = 0; start < 3000; start += 500) learner.PartialFit(Chunk(data, start, 500));
            return (LinearRegressorModel)learner.Snapshot();
        }
        var first = Stream();
        Assert.Equal(first.Coef, Stream().Coef);
        Assert.True(first.Score(data) > 0.99);
    }
}
