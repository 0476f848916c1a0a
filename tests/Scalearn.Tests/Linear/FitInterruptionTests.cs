using Scalearn.Clustering;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Linear;

namespace Scalearn.Tests.Linear;

/// <summary>Interrupted fits stop at their next check (per iteration, epoch or sweep) instead of running to the end.</summary>
public class FitInterruptionTests
{
    public static TheoryData<string> Estimators() => new()
    {
        "logistic_lbfgs", "logistic_newton-cg", "logistic_newton-cholesky", "logistic_sag", "logistic_saga", "logistic_liblinear",
        "ridge_sag", "ridge_lsqr", "ridge_sparse_cg", "ridge_svd", "lasso", "sgd_classifier", "sgd_regressor", "linear_regression_positive",
        "kmeans", "minibatch_kmeans",
    };

    [Theory]
    [MemberData(nameof(Estimators))]
    public void ACancelledFitThrowsOperationCanceled(string name)
    {
        IEstimator estimator = name switch
        {
            "lasso" => new Lasso { Alpha = 0.01 },
            "sgd_classifier" => new SGDClassifier { RandomState = 0 },
            "sgd_regressor" => new SGDRegressor { RandomState = 0 },
            "linear_regression_positive" => new LinearRegression { Positive = true },
            "kmeans" => new KMeans { RandomState = 0, NInit = 1 },
            "minibatch_kmeans" => new MiniBatchKMeans { RandomState = 0 },
            _ when name.StartsWith("ridge_") => new Ridge { RandomState = 0 },
            _ => new LogisticRegression { RandomState = 0 },
        };
        if (name.Contains('_') && name.Split('_', 2) is [("logistic" or "ridge"), var solver]) estimator.SetParam("solver", solver);
        var data = LinearTestHelpers.StandardizeAll(TestData.Load(name.StartsWith("ridge") || name is "lasso" or "sgd_regressor" or "linear_regression_positive" ? "diabetes" : "breast_cancer"));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using (FitInterruption.Enter(cancelled.Token))
            Assert.ThrowsAny<OperationCanceledException>(() => estimator.Fit(data));
        estimator.Fit(data);
    }
}
