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

/// <summary>Regularization of the SGD estimators; elasticnet mixes L1 and L2 by l1_ratio.</summary>
public enum SgdPenalty
{
    L2,
    L1,
    Elasticnet,
    None,
}

/// <summary>
/// Step-size schedules: optimal = 1 / (alpha (t0 + t)) with scikit-learn's t0 heuristic, constant = eta0,
/// invscaling = eta0 / t^power_t, adaptive = eta0 divided by 5 whenever n_iter_no_change epochs bring no improvement.
/// </summary>
public enum SgdLearningRate
{
    Optimal,
    Constant,
    Invscaling,
    Adaptive,
}
