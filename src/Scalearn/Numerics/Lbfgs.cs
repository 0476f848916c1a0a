using System.Numerics.Tensors;

namespace Scalearn.Numerics;

/// <summary>Evaluates f(x) and writes its gradient at x into <paramref name="gradient"/>.</summary>
public delegate double DifferentiableFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>
/// Settings of <see cref="Lbfgs"/> (memory 10 as scipy's L-BFGS-B; a tight ftol of 64 machine epsilons by default;
/// LogisticRegression sets scikit-learn's own, see LogisticSolutions.LbfgsSettings).
/// </summary>
public sealed record LbfgsOptions
{
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the largest absolute gradient component is at most this (scipy's gtol).</summary>
    public double GradientTolerance { get; init; } = 1e-5;

    /// <summary>Stop when the relative decrease of f in one iteration is at most this (scipy's ftol).</summary>
    public double FunctionTolerance { get; init; } = 64 * 2.220446049250313e-16;

    public int Memory { get; init; } = 10;
    public int MaxLineSearchSteps { get; init; } = 50;
}

public sealed record LbfgsResult(double[] X, double Value, int Iterations, bool Converged, string Reason);

/// <summary>Limited-memory BFGS with a strong-Wolfe line search (Nocedal and Wright, algorithms 7.4, 3.5 and 3.6).</summary>
public static class Lbfgs
{
    private const double SufficientDecrease = 1e-3;   // scipy L-BFGS-B line search (dcsrch) ftol
    private const double Curvature = 0.9;

    public static LbfgsResult Minimize(DifferentiableFunction function, ReadOnlySpan<double> start, LbfgsOptions? options = null)
    {
        options ??= new LbfgsOptions();
        int n = start.Length, m = options.Memory;
        var x = start.ToArray();
        var g = new double[n];
        var xNew = new double[n];
        var gNew = new double[n];
        var direction = new double[n];
        var s = new double[m][];
        var y = new double[m][];
        for (int k = 0; k < m; k++) { s[k] = new double[n]; y[k] = new double[n]; }
        var rho = new double[m];
        var alpha = new double[m];
        int stored = 0, newest = -1;

        double fx = function(x, g);
        if (!double.IsFinite(fx)) throw new ArithmeticException("L-BFGS: the objective is not finite at the starting point.");
        if (MaxAbs(g) <= options.GradientTolerance) return new LbfgsResult(x, fx, 0, true, "gradient below tolerance");

        for (int iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            ComputeDirection(g, direction, s, y, rho, alpha, stored, newest, m);
            double slope = TensorPrimitives.Dot<double>(g, direction);
            if (!(slope < 0))
            {
                stored = 0;
                TensorPrimitives.Negate<double>(g, direction);
                slope = -TensorPrimitives.Dot<double>(g, g);
            }
            double firstStep = stored == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(TensorPrimitives.Dot<double>(g, g))) : 1.0;
            var (accepted, fNew) = LineSearch(function, x, fx, slope, direction, firstStep, xNew, gNew, options.MaxLineSearchSteps);
            if (!accepted) return new LbfgsResult(x, fx, iteration - 1, false, "line search could not decrease the objective");

            newest = (newest + 1) % m;
            TensorPrimitives.Subtract<double>(xNew, x, s[newest]);
            TensorPrimitives.Subtract<double>(gNew, g, y[newest]);
            double ys = TensorPrimitives.Dot<double>(y[newest], s[newest]);
            if (ys > 1e-12 * TensorPrimitives.Dot<double>(y[newest], y[newest]) && ys > 0)
            {
                rho[newest] = 1.0 / ys;
                stored = Math.Min(stored + 1, m);
            }
            else newest = (newest - 1 + m) % m;

            double fOld = fx;
            (x, xNew) = (xNew, x);
            (g, gNew) = (gNew, g);
            fx = fNew;
            if (MaxAbs(g) <= options.GradientTolerance) return new LbfgsResult(x, fx, iteration, true, "gradient below tolerance");
            if ((fOld - fx) / Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(fx)), 1.0) <= options.FunctionTolerance)
                return new LbfgsResult(x, fx, iteration, true, "relative reduction of the objective below tolerance");
        }
        return new LbfgsResult(x, fx, options.MaxIterations, false, "maximum number of iterations reached");
    }

    private static void ComputeDirection(double[] g, double[] d, double[][] s, double[][] y, double[] rho, double[] alpha, int stored, int newest, int m)
    {
        TensorPrimitives.Negate<double>(g, d);
        if (stored == 0) return;
        for (int k = 0, idx = newest; k < stored; k++, idx = (idx - 1 + m) % m)
        {
            alpha[idx] = rho[idx] * TensorPrimitives.Dot<double>(s[idx], d);
            TensorPrimitives.MultiplyAdd<double>(y[idx], -alpha[idx], d, d);
        }
        double gamma = 1.0 / (rho[newest] * TensorPrimitives.Dot<double>(y[newest], y[newest]));
        TensorPrimitives.Multiply<double>(d, gamma, d);
        int oldest = (newest - stored + 1 + m) % m;
        for (int k = 0, idx = oldest; k < stored; k++, idx = (idx + 1) % m)
        {
            double beta = rho[idx] * TensorPrimitives.Dot<double>(y[idx], d);
            TensorPrimitives.MultiplyAdd<double>(s[idx], alpha[idx] - beta, d, d);
        }
    }

    /// <summary>Finds a step satisfying the strong Wolfe conditions; leaves the accepted point in xNew/gNew.</summary>
    private static (bool Accepted, double Value) LineSearch(DifferentiableFunction function, double[] x, double f0, double slope0,
        double[] direction, double firstStep, double[] xNew, double[] gNew, int maxSteps)
    {
        double Evaluate(double step, out double slope)
        {
            TensorPrimitives.MultiplyAdd<double>(direction, step, x, xNew);
            double value = function(xNew, gNew);
            slope = TensorPrimitives.Dot<double>(gNew, direction);
            if (!double.IsFinite(value)) { value = double.PositiveInfinity; slope = double.NaN; }
            return value;
        }

        double previousStep = 0, previousValue = f0, previousSlope = slope0;
        double step = firstStep;
        int evaluations = 0;
        while (evaluations < maxSteps)
        {
            double value = Evaluate(step, out double slope);
            evaluations++;
            if (value > f0 + SufficientDecrease * step * slope0 || (evaluations > 1 && value >= previousValue))
                return Zoom(previousStep, previousValue, previousSlope, step, value);
            if (Math.Abs(slope) <= -Curvature * slope0) return (true, value);
            if (slope >= 0) return Zoom(step, value, slope, previousStep, previousValue);
            previousStep = step; previousValue = value; previousSlope = slope;
            step *= 2;
        }
        return AcceptLow(previousStep, previousValue);

        (bool, double) Zoom(double low, double lowValue, double lowSlope, double high, double highValue)
        {
            while (evaluations < maxSteps)
            {
                double width = high - low;
                double denominator = 2 * (highValue - lowValue - lowSlope * width);
                double trial = double.IsFinite(highValue) && denominator > 0 ? low - lowSlope * width * width / denominator : double.NaN;
                double lo = Math.Min(low, high), hi = Math.Max(low, high), margin = 0.1 * (hi - lo);
                if (!double.IsFinite(trial) || trial < lo + margin || trial > hi - margin) trial = 0.5 * (low + high);
                double value = Evaluate(trial, out double slope);
                evaluations++;
                if (value > f0 + SufficientDecrease * trial * slope0 || value >= lowValue)
                {
                    high = trial; highValue = value;
                }
                else
                {
                    if (Math.Abs(slope) <= -Curvature * slope0) return (true, value);
                    if (slope * (high - low) >= 0) { high = low; highValue = lowValue; }
                    low = trial; lowValue = value; lowSlope = slope;
                }
                if (Math.Abs(high - low) * Math.Sqrt(TensorPrimitives.Dot<double>(direction, direction)) < 1e-16 * (1 + Math.Sqrt(TensorPrimitives.Dot<double>(x, x)))) break;
            }
            return AcceptLow(low, lowValue);
        }

        (bool, double) AcceptLow(double low, double lowValue)
        {
            if (low <= 0 || !(lowValue < f0)) return (false, f0);
            return (true, Evaluate(low, out _));
        }
    }

    private static double MaxAbs(ReadOnlySpan<double> v) => v.Length == 0 ? 0 : Math.Abs(TensorPrimitives.MaxMagnitude(v));
}
