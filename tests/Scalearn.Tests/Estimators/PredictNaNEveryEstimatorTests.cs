using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Tests.PredictNaN;

/// <summary>
/// Every registered predictor (classifier, regressor, clusterer), fitted on finite data, either refuses a row holding
/// NaN at predict naming it, as scikit-learn's check_array does, or is one of those that take missing values
/// (gradient boosting, the dummies, which never look at X): never a silent answer computed from NaN.
/// </summary>
public class PredictNaNEveryEstimatorTests
{
    private static readonly string[] TakeNaN =
        ["HistGradientBoostingClassifier", "HistGradientBoostingRegressor", "LGBMClassifier", "LGBMRegressor", "DummyClassifier", "DummyRegressor"];

    private static readonly string[] NeedSteps = ["Pipeline", "ColumnTransformer", "Passthrough"];

    public static TheoryData<string> Names() => LibraryEstimators.Names(NeedSteps);

    private static Dataset Data(int rows)
    {
        var rng = new global::Scalearn.Numerics.Rng(3);
        var x = new Matrix(rows, 3);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 3; j++) x[i, j] = rng.NextGaussian() + (i % 2) * 2;
            y[i] = i % 2;
        }
        return new Dataset(x, y, ["a", "b", "c"]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_row_with_NaN_is_refused_at_predict_unless_the_estimator_takes_missing_values(string name)
    {
        var model = EstimatorRegistry.Create(name).Fit(Data(60));
        if (model is not IPredictor predictor) return;   // transformers: scikit-learn's scalers keep NaN, encoders take text
        var queries = Data(4);
        queries.X[2, 1] = double.NaN;

        if (TakeNaN.Contains(name))
        {
            Assert.All(predictor.Predict(queries), v => Assert.False(double.IsNaN(v)));
            return;
        }
        var error = Assert.ThrowsAny<Exception>(() => predictor.Predict(queries));
        Assert.Contains("NaN", error.Message);
    }
}
