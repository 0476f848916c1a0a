namespace Scalearn.Linear;

/// <summary>
/// The cumulative L1 penalty of Tsuruoka et al. (scikit-learn's l1penalty): after each step every weight is clipped
/// towards zero by the penalty accumulated since it was last clipped.
/// </summary>
internal sealed class CumulativeL1(int features, double l1Ratio, double alpha)
{
    private readonly double[] _applied = new double[features];
    private double _total;

    public void Apply(double[] w, double wscale, double eta)
    {
        _total += l1Ratio * eta * alpha;
        for (int j = 0; j < w.Length; j++)
        {
            double z = w[j];
            if (wscale * z > 0) w[j] = Math.Max(0.0, w[j] - (_total + _applied[j]) / wscale);
            else if (wscale * z < 0) w[j] = Math.Min(0.0, w[j] + (_total - _applied[j]) / wscale);
            _applied[j] += wscale * (w[j] - z);
        }
    }
}
