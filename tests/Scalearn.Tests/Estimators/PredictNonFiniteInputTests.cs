using Scalearn.Clustering;
using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.NaiveBayes;
using Scalearn.Neighbors;
using Scalearn.Svm;
using Scalearn.Trees;

namespace Scalearn.Tests;

/// <summary>
/// scikit-learn's predict refuses NaN and infinity ("Input X contains NaN") for every estimator that does not handle
/// missing values natively. The linear models and GaussianNB used to predict from them: a NaN decision made class 0
/// (LogisticRegression's argmax), a NaN regression value, NaN probabilities.
/// </summary>
public class PredictNonFiniteInputTests
{
    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (var name in new[]
                 {
                     "LogisticRegression", "SGDClassifier", "GaussianNB", "LinearRegression", "Ridge", "Lasso", "ElasticNet", "SGDRegressor",
                     "DecisionTreeClassifier", "RandomForestRegressor", "SVC", "KNeighborsClassifier", "KMeans",
                 })
        {
            data.Add(name, double.NaN);
            data.Add(name, double.PositiveInfinity);
        }
        return data;
    }

    private static IEstimator Create(string name) => name switch
    {
        "LogisticRegression" => new LogisticRegression { MaxIter = 1000 },
        "SGDClassifier" => new SGDClassifier { RandomState = 0 },
        "GaussianNB" => new GaussianNB(),
        "LinearRegression" => new LinearRegression(),
        "Ridge" => new Ridge(),
        "Lasso" => new Lasso(),
        "ElasticNet" => new ElasticNet(),
        "SGDRegressor" => new SGDRegressor { RandomState = 0 },
        "DecisionTreeClassifier" => new DecisionTreeClassifier(),
        "RandomForestRegressor" => new RandomForestRegressor { NEstimators = 3, RandomState = 0 },
        "SVC" => new SVC(),
        "KNeighborsClassifier" => new KNeighborsClassifier(),
        "KMeans" => new KMeans { NClusters = 2, RandomState = 0, NInit = 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_refuses_a_non_finite_cell_naming_its_row_and_column(string estimator, double bad)
    {
        var train = TestData.Load("iris");
        var model = (IPredictor)Create(estimator).Fit(train);
        var x = new Matrix((double[])train.X.Values.Clone(), train.X.Rows, train.X.Cols);
        x[3, 2] = bad;
        var query = new Dataset(x, null, train.FeatureNames);

        var e = Assert.ThrowsAny<ArgumentException>(() => model.Predict(query));
        Assert.Contains($"{(double.IsNaN(bad) ? "NaN" : "infinity")} at row 3, column 2 ('{train.FeatureNames[2]}')", e.Message);
        if (model is IClassifierModel classifier && classifier.ProbabilityUnavailable is null && estimator != "SVC")
            Assert.ThrowsAny<ArgumentException>(() => classifier.PredictProba(query));
    }
}
