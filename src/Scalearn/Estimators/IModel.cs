using Scalearn.Data;

namespace Scalearn.Estimators;

/// <summary>A fitted, immutable model. Safe to share across threads and to save.</summary>
public interface IModel
{
    /// <summary>Number of feature columns the model was fitted on; inputs with another count are rejected.</summary>
    int FeatureCount { get; }
}

public interface IPredictor : IModel
{
    double[] Predict(DataView x);

    /// <summary>Accuracy for classifiers, R^2 for regressors (scikit-learn's default score).</summary>
    double Score(DataView data);
}

public interface IClassifierModel : IPredictor
{
    /// <summary>Sorted class labels; columns of <see cref="PredictProba"/> follow this order.</summary>
    double[] Classes { get; }

    Matrix PredictProba(DataView x);

    /// <summary>Why <see cref="PredictProba"/> cannot answer (where scikit-learn's predict_proba raises), or null when it can.</summary>
    string? ProbabilityUnavailable => null;
}

/// <summary>Classifiers with a decision function (SVC, linear models); used by roc_auc when probabilities are off.</summary>
public interface IDecisionFunction : IModel
{
    /// <summary>n x 1 for binary problems (positive class), n x n_classes otherwise.</summary>
    Matrix DecisionFunction(DataView x);
}

public interface ITransformerModel : IModel
{
    Dataset Transform(DataView x);
}
