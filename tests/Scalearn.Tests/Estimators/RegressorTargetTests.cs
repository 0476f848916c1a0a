using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;
using Scalearn.Svm;

namespace Scalearn.Tests.RegressorTargets;

/// <summary>
/// A target column with a text cell is read as class labels; a regressor given them fails naming the cell rather than
/// regress on the labels' codes (scikit-learn: "could not convert string to float").
/// </summary>
public class RegressorTargetTests
{
    private static readonly string[] Regressors =
    [
        "LinearRegression", "Ridge", "Lasso", "ElasticNet", "SGDRegressor", "SVR", "KNeighborsRegressor", "DecisionTreeRegressor",
        "RandomForestRegressor", "HistGradientBoostingRegressor", "LGBMRegressor", "DummyRegressor",
    ];

    [Fact]
    public void Exactly_the_regressors_are_regressors()
    {
        var library = EstimatorRegistry.Names.Where(n => EstimatorRegistry.TryGetType(n, out var t) && t.Assembly == typeof(EstimatorRegistry).Assembly);
        foreach (var name in library.Where(n => EstimatorRegistry.Create(n) is not IHasFinalEstimator))   // an empty pipeline has no kind
            Assert.True(Regressors.Contains(name) == EstimatorTraits.IsRegressor(EstimatorRegistry.Create(name)), name);
        Assert.True(EstimatorTraits.IsRegressor(new Pipeline(("scale", new StandardScaler()), ("svr", new SVR()))));
        Assert.False(EstimatorTraits.IsRegressor(new Pipeline(("scale", new StandardScaler()), ("svc", new SVC()))));
    }

    [Theory]
    [MemberData(nameof(RegressorNames))]
    public void A_regressor_refuses_a_target_with_text_naming_the_value(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => EstimatorRegistry.Create(name).Fit(TextTarget()));
        Assert.Contains("needs a numeric target", error.Message);
        Assert.Contains("'13.32x' is not a number", error.Message);
        Assert.Contains("'alcohol'", error.Message);
    }

    [Fact]
    public void A_pipeline_ending_in_a_regressor_refuses_it_and_a_classifier_learns_the_labels()
    {
        var data = TextTarget();
        Assert.Throws<ArgumentException>(() => new Pipeline(("scale", new StandardScaler()), ("svr", new SVR())).Fit(data));
        var model = (IClassifierModel)new Pipeline(("scale", new StandardScaler()), ("svc", new SVC())).Fit(data);
        Assert.Equal(4, model.Classes.Length);
        Assert.NotNull(new StandardScaler().Fit(data));   // a transformer ignores the target
    }

    public static TheoryData<string> RegressorNames() => new(Regressors);

    /// <summary>Labels as a CSV reader makes them of 13.1, 13.2, 13.32x, 14.0: sorted text, coded 0..3.</summary>
    private static Dataset TextTarget()
    {
        var x = Matrix.FromRows(Enumerable.Range(0, 12).Select(i => new[] { i * 1.0, (i * 7 % 5) * 1.0 }).ToArray());
        double[] y = Enumerable.Range(0, 12).Select(i => (double)(i % 4)).ToArray();
        return new Dataset(x, y, ["a", "b"], "alcohol", classNames: ["13.1", "13.2", "13.32x", "14.0"]);
    }
}
