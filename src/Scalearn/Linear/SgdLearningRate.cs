namespace Scalearn.Linear;

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
