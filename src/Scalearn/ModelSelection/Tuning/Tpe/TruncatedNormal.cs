namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>The standard normal truncated to [a, b]: mass, quantile and log density (Optuna 3.1's _truncnorm).</summary>
internal static class TruncatedNormal
{
    internal static readonly double LogSqrt2Pi = Math.Log(Math.Sqrt(2 * Math.PI));

    /// <summary>log(Φ(b) - Φ(a)), worked in whichever tail keeps it accurate.</summary>
    public static double LogGaussMass(double a, double b)
    {
        if (b <= 0) return LogMath.LogDiff(NormalTail.LogNdtr(b), NormalTail.LogNdtr(a));
        if (a > 0) return LogMath.LogDiff(NormalTail.LogNdtr(-a), NormalTail.LogNdtr(-b));
        return LogMath.Log1p(-NormalTail.Ndtr(a) - NormalTail.Ndtr(-b));
    }

    /// <summary>The q-quantile of the standard normal truncated to [a, b].</summary>
    public static double Ppf(double q, double a, double b)
    {
        if (a == b) return double.NaN;
        if (q == 0) return a;
        if (q == 1) return b;
        if (a < 0)
            return NormalTail.NdtriExp(LogMath.LogAddExp(NormalTail.LogNdtr(a), Math.Log(q) + LogGaussMass(a, b)));
        return -NormalTail.NdtriExp(LogMath.LogAddExp(NormalTail.LogNdtr(-b), LogMath.Log1p(-q) + LogGaussMass(a, b)));
    }

    /// <summary>log φ(z), the standard normal's log density.</summary>
    public static double LogPhi(double z) => -(z * z) / 2.0 - LogSqrt2Pi;
}
