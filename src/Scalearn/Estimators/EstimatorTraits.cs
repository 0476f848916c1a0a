namespace Scalearn.Estimators;

/// <summary>Marks estimators whose models are classifiers (scikit-learn's is_classifier).</summary>
public interface IClassifierEstimator : IEstimator;

/// <summary>Marks estimators whose models are regressors (scikit-learn's is_regressor): they learn a numeric target.</summary>
public interface IRegressorEstimator : IEstimator;

/// <summary>Composites (pipelines) whose kind is that of their last step.</summary>
public interface IHasFinalEstimator
{
    IEstimator FinalEstimator { get; }
}

public static class EstimatorTraits
{
    public static bool IsClassifier(IEstimator estimator) => estimator switch
    {
        IClassifierEstimator => true,
        IHasFinalEstimator composite => IsClassifier(composite.FinalEstimator),
        _ => false,
    };

    public static bool IsRegressor(IEstimator estimator) => estimator switch
    {
        IRegressorEstimator => true,
        IHasFinalEstimator composite => IsRegressor(composite.FinalEstimator),
        _ => false,
    };
}
