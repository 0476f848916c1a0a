using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Tests.ZeroFeatures;

/// <summary>
/// Data with no feature column left (every one dropped) is refused at fit, as scikit-learn's check_array does ("Found
/// array with 0 feature(s) ... while a minimum of 1 is required"), rather than fitted into a model of the target alone;
/// the dummies and the label encoder, which scikit-learn fits without looking at X, still fit.
/// </summary>
public class ZeroFeatureTests
{
    private static readonly string[] TakeNoFeatures = ["DummyClassifier", "DummyRegressor", "LabelEncoder"];
    private static readonly string[] NeedSteps = ["Pipeline", "ColumnTransformer", "Passthrough"];

    public static TheoryData<string> Names() => LibraryEstimators.Names(NeedSteps);

    /// <summary>
    /// partial_fit too (fit-stream, and tune's ASHA and Hyperband, which learn epoch by epoch): an ASHA search on data
    /// with every feature dropped tuned models of the target alone.
    /// </summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void A_chunk_without_features_is_refused_by_every_incremental_learner(string name)
    {
        var estimator = EstimatorRegistry.Create(name);
        if (estimator is not IIncrementalEstimator incremental || TakeNoFeatures.Contains(name)) return;
        double[]? classes = EstimatorTraits.IsClassifier(estimator) ? [0, 1] : null;
        var error = Assert.Throws<ArgumentException>(() => incremental.StartIncremental().PartialFit(NoFeatures().All, classes));
        Assert.Contains("0 feature(s)", error.Message);
    }

    private static Dataset NoFeatures() => new(new Matrix(12, 0), Enumerable.Range(0, 12).Select(i => (double)(i % 2)).ToArray(), []);

    [Theory]
    [MemberData(nameof(Names))]
    public void Data_without_features_is_refused_unless_the_estimator_ignores_X(string name)
    {
        var estimator = EstimatorRegistry.Create(name);
        if (TakeNoFeatures.Contains(name))
        {
            Assert.NotNull(estimator.Fit(NoFeatures()));
            return;
        }
        var error = Assert.Throws<ArgumentException>(() => estimator.Fit(NoFeatures()));
        Assert.Contains("0 feature(s)", error.Message);
        Assert.Contains("shape=(12, 0)", error.Message);
    }
}
