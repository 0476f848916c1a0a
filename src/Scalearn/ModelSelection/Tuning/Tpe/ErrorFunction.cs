namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>
/// erf and erfc to a few ulps (.NET has neither). Near zero erf is its Taylor series; beyond 0.5 erfc(x) is
/// exp(-x²) erfcx(x). The smooth scaled function erfcx is the bound 2 / (√π (x + √(x² + 4/π))) times 1 + r(x), with
/// the few-percent correction r a Chebyshev interpolant on octaves up to 32, fitted once at start-up from Laplace's
/// continued fraction (fitting the small r rather than erfcx keeps the coefficients' rounding far below an ulp), and
/// the asymptotic series past 32. exp(-x²) is split so the rounding of x² does not cost accuracy in the far tail.
/// </summary>
internal static class ErrorFunction
{
    private const double TwoOverSqrtPi = 1.1283791670955126;
    private const double OneOverSqrtPi = 0.56418958354775628;
    private const int Degree = 20;
    private const int TaylorTerms = 14;
    private static readonly double[] Bounds = [0.5, 1, 2, 4, 8, 16, 32];
    private static readonly double[][] Chebyshev = FitOctaves();
    private static readonly double[] Taylor = TaylorCoefficients();

    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < Bounds[0]) return x * SmallSeries(x * x);
        // Past 6, erfc < 2.2e-17 is below half an ulp of 1: the difference rounds to exactly 1.
        if (ax >= 6) return x < 0 ? -1.0 : 1.0;
        double r = 1 - ErfcPositive(ax);
        return x < 0 ? -r : r;
    }

    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        double ax = Math.Abs(x);
        if (ax < Bounds[0]) return 1 - x * SmallSeries(x * x);
        double r = ErfcPositive(ax);
        return x < 0 ? 2 - r : r;
    }

    /// <summary>erf(x) / x as a polynomial in x² (Taylor), for |x| below 0.5.</summary>
    private static double SmallSeries(double x2)
    {
        double s = 0;
        for (int k = TaylorTerms - 1; k >= 0; k--) s = s * x2 + Taylor[k];
        return s;
    }

    private static double ErfcPositive(double x)
    {
        if (x > 27.3) return 0;
        // exp(-x²) = exp(-z²) exp((z - x)(z + x)) with z = x cut to 21 significant bits, so z² is exact.
        double z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFF00000000UL));
        return Math.Exp(-z * z) * Math.Exp((z - x) * (z + x)) * ScaledErfc(x);
    }

    /// <summary>erfcx(x) = exp(x²) erfc(x) for x >= 0.5.</summary>
    internal static double ScaledErfc(double x)
    {
        if (x >= Bounds[^1]) return Asymptotic(x);
        int octave = 0;
        while (x >= Bounds[octave + 1]) octave++;
        double a = Bounds[octave], b = Bounds[octave + 1];
        return Bound(x) * (1 + Clenshaw(Chebyshev[octave], (2 * x - a - b) / (b - a)));
    }

    /// <summary>The upper bound 2 / (√π (x + √(x² + 4/π))) of erfcx, within 6% of it for x >= 0.5.</summary>
    private static double Bound(double x) => 2 * OneOverSqrtPi / (x + Math.Sqrt(x * x + 4 / Math.PI));

    private static double Asymptotic(double x)
    {
        // erfcx(x) ~ 1/(x√π) Σ (-1)^n (2n-1)!! / (2x²)^n; past x = 32 eight terms are far below an ulp.
        double inv = 1 / (2 * x * x), term = 1, sum = 1;
        for (int n = 1; n <= 8; n++)
        {
            term *= -(2 * n - 1) * inv;
            sum += term;
        }
        return OneOverSqrtPi / x * sum;
    }

    private static double Clenshaw(double[] c, double t)
    {
        double b1 = 0, b2 = 0, t2 = 2 * t;
        for (int k = c.Length - 1; k >= 1; k--) (b1, b2) = (t2 * b1 - b2 + c[k], b1);
        return t * b1 - b2 + 0.5 * c[0];
    }

    private static double[][] FitOctaves()
    {
        var fits = new double[Bounds.Length - 1][];
        for (int o = 0; o < fits.Length; o++)
        {
            double a = Bounds[o], b = Bounds[o + 1];
            int n = Degree + 1;
            var f = new double[n];
            for (int k = 0; k < n; k++)
            {
                double x = 0.5 * (a + b) + 0.5 * (b - a) * Math.Cos(Math.PI * (k + 0.5) / n);
                f[k] = ContinuedFraction(x) / Bound(x) - 1;
            }
            var c = new double[n];
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += f[k] * Math.Cos(Math.PI * j * (k + 0.5) / n);
                c[j] = 2.0 / n * s;
            }
            fits[o] = c;
        }
        return fits;
    }

    /// <summary>erfcx(x) = 1 / (√π (x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...))))), evaluated bottom-up; slow but exact enough from 0.5 up.</summary>
    private static double ContinuedFraction(double x)
    {
        double t = x;
        for (int k = 2000; k >= 1; k--) t = x + 0.5 * k / t;
        return OneOverSqrtPi / t;
    }

    private static double[] TaylorCoefficients()
    {
        // erf(x) = 2/√π Σ (-1)^k x^(2k+1) / (k! (2k+1))
        var c = new double[TaylorTerms];
        double factorial = 1;
        for (int k = 0; k < TaylorTerms; k++)
        {
            if (k > 0) factorial *= k;
            c[k] = (k % 2 == 0 ? 1 : -1) * TwoOverSqrtPi / (factorial * (2 * k + 1));
        }
        return c;
    }
}
