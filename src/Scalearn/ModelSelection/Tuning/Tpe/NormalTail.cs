namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>The standard normal CDF and its log, with Optuna 3.1's case splits (optuna/samplers/_tpe/_truncnorm.py).</summary>
internal static class NormalTail
{
    private const double Sqrt2 = 1.4142135623730951;
    private const double MachineEpsilon = 2.220446049250313e-16;
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>Φ(a) as 0.5 + 0.5 erf(a/√2) (Optuna's vectorised _ndtr).</summary>
    public static double Ndtr(double a) => 0.5 + 0.5 * ErrorFunction.Erf(a / Sqrt2);

    /// <summary>Φ(a) through erfc in the tails (Optuna's _ndtr_single).</summary>
    public static double NdtrTails(double a)
    {
        double x = a / Sqrt2;
        if (x < -1 / Sqrt2) return 0.5 * ErrorFunction.Erfc(-x);
        if (x < 1 / Sqrt2) return 0.5 + 0.5 * ErrorFunction.Erf(x);
        return 1.0 - 0.5 * ErrorFunction.Erfc(x);
    }

    /// <summary>log Φ(a); below -20 by the asymptotic series of the Mills ratio.</summary>
    public static double LogNdtr(double a)
    {
        if (a > 6) return -NdtrTails(-a);
        if (a > -20) return Math.Log(NdtrTails(a));
        double logLhs = -0.5 * a * a - Math.Log(-a) - HalfLog2Pi;
        double lastTotal = 0, rightHandSide = 1, numerator = 1, denomFactor = 1, denomCons = 1 / (a * a);
        int sign = 1;
        for (int i = 1; Math.Abs(lastTotal - rightHandSide) > MachineEpsilon; i++)
        {
            lastTotal = rightHandSide;
            sign = -sign;
            denomFactor *= denomCons;
            numerator *= 2 * i - 1;
            rightHandSide += sign * numerator * denomFactor;
        }
        return logLhs + Math.Log(rightHandSide);
    }

    /// <summary>
    /// The x with log Φ(x) = y, by 100 bisections of [-100, 100] (Optuna's _ndtri_exp). Once no double lies strictly
    /// between the ends the remaining bisections cannot move the midpoint, so they are skipped: same result, about
    /// half the work.
    /// </summary>
    public static double NdtriExp(double y)
    {
        double a = -100, b = 100, m = 0;
        if (LogNdtr(a) > y) (a, b) = (b, a);
        for (int i = 0; i < 100; i++)
        {
            m = (a + b) / 2;
            if (m == a || m == b) break;
            if (LogNdtr(m) < y) a = m;
            else b = m;
        }
        return m;
    }
}
