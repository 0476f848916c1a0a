namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>Log-space helpers with numpy's definitions.</summary>
internal static class LogMath
{
    /// <summary>log(1 + x), accurate for small x (Goldberg's correction of log(1 + x) by the rounding of 1 + x).</summary>
    public static double Log1p(double x)
    {
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return u;
        return Math.Log(u) * x / (u - 1.0);
    }

    /// <summary>numpy.logaddexp: log(exp(x) + exp(y)).</summary>
    public static double LogAddExp(double x, double y)
    {
        if (x == y) return x + 0.6931471805599453;
        double d = x - y;
        if (d > 0) return x + Log1p(Math.Exp(-d));
        if (d <= 0) return y + Log1p(Math.Exp(d));
        return d;
    }

    /// <summary>log(exp(p) - exp(q)) for q &lt;= p.</summary>
    public static double LogDiff(double p, double q) => p + Log1p(-Math.Exp(q - p));
}
