namespace Scalearn.Linear;

/// <summary>Losses of the SGD estimators (scikit-learn names). Regressors accept only the regression losses.</summary>
public enum SgdLoss
{
    Hinge,
    LogLoss,
    ModifiedHuber,
    SquaredHinge,
    Perceptron,
    SquaredError,
    Huber,
    EpsilonInsensitive,
    SquaredEpsilonInsensitive,
}
