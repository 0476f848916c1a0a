namespace Scalearn.Clustering;

/// <summary>
/// scikit-learn's _mini_batch_convergence: an exponentially weighted average of the per-row batch inertia (the first
/// batch is ignored), stopping on a small center shift or after max_no_improvement steps without a new minimum.
/// </summary>
internal sealed class MiniBatchConvergence(int batchSize, int samples, double tol, int? maxNoImprovement)
{
    private long _step;
    private double? _average, _bestAverage;
    private int _noImprovement;

    public bool Converged(double batchInertia, double centersSquaredShift)
    {
        batchInertia /= batchSize;
        if (++_step == 1) return false;
        double alpha = Math.Min(1.0, batchSize * 2.0 / (samples + 1));
        _average = _average is double a ? a * (1 - alpha) + batchInertia * alpha : batchInertia;
        if (tol > 0 && centersSquaredShift <= tol) return true;
        if (_bestAverage is null || _average < _bestAverage)
        {
            _noImprovement = 0;
            _bestAverage = _average;
        }
        else _noImprovement++;
        return maxNoImprovement is int limit && _noImprovement >= limit;
    }
}
