using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.Numerics;

namespace Scalearn.Tests.Linear;

/// <summary>
/// Without L1 or averaging, SGD defers each row's update into the next row's pass over the weights. That must change
/// nothing but rounding: every fit here is run both ways and the weights compared.
/// </summary>
public class SgdDeferredUpdateTests
{
    private static T BothWays<T>(Func<T> fit, out T direct)
    {
        var deferred = fit();
        SgdTrainer.DirectUpdatesOnly = true;
        try { direct = fit(); }
        finally { SgdTrainer.DirectUpdatesOnly = false; }
        return deferred;
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        double scale = expected.Max(Math.Abs);
        for (int j = 0; j < expected.Count; j++)
            Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-9 * scale, $"weight {j}: {expected[j]} vs {actual[j]}");
    }

    private static void AssertSameRegressor(IModel deferred, IModel direct)
    {
        var a = (LinearRegressorModel)deferred;
        var b = (LinearRegressorModel)direct;
        AssertClose(b.Coef, a.Coef);
        Assert.Equal(b.Intercept, a.Intercept, 9);
    }

    [Theory]
    [InlineData(50)] // whole vectors and a tail
    [InlineData(16)] // whole vectors only
    [InlineData(5)] // too short for the packed kernels: both runs take the direct loop
    public void RegressorEpochsAgree(int features)
    {
        var data = SgdTests.LinearData(3000, features, features, noise: 0.1);
        var deferred = BothWays(() => new SGDRegressor { RandomState = 0, MaxIter = 5, Tol = null }.Fit(data), out var direct);
        AssertSameRegressor(deferred, direct);
    }

    [Fact]
    public void PartialFitStreamsAgree()
    {
        var data = SgdTests.LinearData(4000, 20, 3, noise: 0.1);
        var chunks = Enumerable.Range(0, 8).Select(c => new DataView(data, Enumerable.Range(c * 500, 500).ToArray())).ToArray();
        IModel Stream()
        {
            var learner = new SGDRegressor { RandomState = 1 }.StartIncremental();
            foreach (var chunk in chunks) learner.PartialFit(chunk);
            return learner.Snapshot();
        }
        var deferred = BothWays(Stream, out var direct);
        AssertSameRegressor(deferred, direct);
    }

    [Fact]
    public void StrongShrinkageRescalesTheWeightsTheSameWay()
    {
        // Each row multiplies the weight scale by 1 - alpha * eta = 0.1, so it drops below 1e-9 within ten rows and the
        // weights are rescaled many times per epoch.
        var data = SgdTests.LinearData(500, 12, 4);
        var deferred = BothWays(() => new SGDRegressor { RandomState = 0, Alpha = 0.9, LearningRate = SgdLearningRate.Constant, Eta0 = 1.0, MaxIter = 2, Tol = null }.Fit(data), out var direct);
        AssertSameRegressor(deferred, direct);
    }

    [Theory]
    [InlineData(SgdLoss.Hinge)]
    [InlineData(SgdLoss.LogLoss)]
    [InlineData(SgdLoss.ModifiedHuber)]
    public void ClassWeightedMulticlassClassifiersAgree(SgdLoss loss)
    {
        var rng = new Rng(7);
        var x = new Matrix(900, 10);
        var y = new double[900];
        for (int i = 0; i < 900; i++)
        {
            y[i] = i < 100 ? 0 : i < 400 ? 1 : 2;
            for (int j = 0; j < 10; j++) x[i, j] = rng.NextGaussian() + (j == (int)y[i] ? 1.5 : 0.0);
        }
        var data = new Dataset(x, y);
        // A moderate schedule: with the default 'optimal' one the first steps are about 10 here, and at that size
        // the fit amplifies any rounding difference (a 1e-15 change of one input moves the weights by 1e-3 too).
        var estimator = new SGDClassifier
        {
            RandomState = 0, Loss = loss, ClassWeight = ClassWeight.Balanced, MaxIter = 4, Tol = null,
            LearningRate = SgdLearningRate.Invscaling, Eta0 = 0.05,
        };
        var deferred = BothWays(() => (LinearClassifierModel)estimator.Fit(data), out var direct);
        AssertClose(direct.Coef.Values, deferred.Coef.Values);
        AssertClose(direct.Intercept, deferred.Intercept);
    }
}
