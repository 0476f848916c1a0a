using System.Numerics.Tensors;

namespace Scalearn.Linear;

/// <summary>
/// L1- (and L2-) regularized binary logistic regression by proximal Newton with coordinate descent on the quadratic
/// model (newGLMNET, Yuan, Ho and Lin 2012: LIBLINEAR's solver for penalty='l1'). Minimizes
/// sum_i s_i log(1 + exp(-y_i (x_i w + b))) + l1 ||w||_1 + 0.5 l2 ||w||^2, the intercept b unpenalized when fitted.
/// Each coordinate step uses the coordinate's own curvature, so the iterations do not depend on the units of the features.
/// Stops as LIBLINEAR does: when the L1 norm of the minimum-norm subgradient falls to
/// tol max(min(pos, neg), 1) / n times its value at the start.
/// </summary>
internal sealed class LogisticL1Newton
{
    private readonly double[] _columns;
    private readonly double[] _y;
    private readonly double[] _weight;
    private readonly int _n, _p;
    private readonly double _l1, _l2;
    private readonly bool _fitIntercept;

    public LogisticL1Newton(double[] x, int n, int p, double[] y, double[] sampleWeight, double l1, double l2, bool fitIntercept)
    {
        _n = n; _p = p; _y = y; _weight = sampleWeight; _l1 = l1; _l2 = l2; _fitIntercept = fitIntercept;
        _columns = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) _columns[j * n + i] = x[i * p + j];
    }

    private int Parameters => _p + (_fitIntercept ? 1 : 0);

    public sealed record Result(double[] W, int Iterations, bool Converged);

    /// <summary>Minimizes from <paramref name="start"/> ([w, b]); <paramref name="positives"/> and <paramref name="negatives"/> count the labels.</summary>
    public Result Minimize(double[] start, double tol, int maxIter, int verbose, int positives, int negatives)
    {
        int m = Parameters;
        var w = (double[])start.Clone();
        var margins = new double[_n];
        var gradient = new double[m];
        var curvature = new double[_n];
        var d = new double[m];
        var xd = new double[_n];
        var trial = new double[m];
        var trialGradient = new double[m];
        var trialCurvature = new double[_n];
        var hessianDiagonal = new double[m];
        double f = Evaluate(w, margins, gradient, curvature);
        double initial = SubgradientL1(w, gradient);
        double threshold = tol * Math.Max(Math.Min(positives, negatives), 1) / _n * initial;
        int iteration = 0;
        for (; iteration < maxIter; iteration++)
        {
            Execution.FitInterruption.Check();
            double violation = SubgradientL1(w, gradient);
            if (violation <= threshold) return Report(true);
            for (int j = 0; j < _p; j++) hessianDiagonal[j] = WeightedSquares(Column(j), curvature) + _l2 + 1e-12;
            if (_fitIntercept) hessianDiagonal[_p] = TensorPrimitives.Sum<double>(curvature) + 1e-12;
            SolveQuadraticModel(w, gradient, curvature, hessianDiagonal, d, xd);

            // Armijo on the full objective: F(w + t d) <= F(w) + 0.01 t (g.d + l1 (||w + d||_1 - ||w||_1)).
            double decrease = TensorPrimitives.Dot<double>(gradient, d) + _l1 * L1Change(w, d);
            if (!(decrease < 0)) return Report(violation <= threshold);
            double step = 1, fNew = double.NaN;
            bool accepted = false;
            for (int halving = 0; halving < 40; halving++)
            {
                TensorPrimitives.MultiplyAdd<double>(d, step, w, trial);
                fNew = Evaluate(trial, margins, null, null);
                if (fNew <= f + 0.01 * step * decrease) { accepted = true; break; }
                // Near the optimum the predicted decrease drowns in the rounding of F: take the full step when it
                // reduces the subgradient instead.
                if (step == 1 && -decrease <= 1e-12 * Math.Abs(f))
                {
                    Evaluate(trial, margins, trialGradient, trialCurvature);
                    if (SubgradientL1(trial, trialGradient) < violation) { accepted = true; break; }
                }
                step *= 0.5;
            }
            if (!accepted) return Report(false);
            bool stalled = step * TensorPrimitives.Norm<double>(d) <= 1e-15 * (TensorPrimitives.Norm<double>(w) + 1e-300);
            (w, trial) = (trial, w);
            f = Evaluate(w, margins, gradient, curvature);
            if (verbose > 0) Console.Error.WriteLine($"liblinear (l1): iteration {iteration + 1}, objective {f:G10}, subgradient {violation:E3}, step {step}");
            if (stalled) { iteration++; return Report(true); }
        }
        return Report(SubgradientL1(w, gradient) <= threshold);

        Result Report(bool converged)
        {
            if (verbose > 0) Console.Error.WriteLine(converged ? $"liblinear (l1): converged after {iteration} iterations" : $"liblinear (l1): stopped after {iteration} iterations without converging");
            return new Result(w, iteration, converged);
        }
    }

    /// <summary>Cyclic coordinate descent on g.d + 0.5 d^T (X^T D X + l2 I) d + l1 ||w + d||_1.</summary>
    private void SolveQuadraticModel(double[] w, double[] gradient, double[] curvature, double[] hessianDiagonal, double[] d, double[] xd)
    {
        Array.Clear(d);
        Array.Clear(xd);
        double firstPass = 0;
        for (int pass = 0; pass < 500; pass++)
        {
            double largest = 0;
            for (int j = 0; j < Parameters; j++)
            {
                bool intercept = j == _p;
                double h = hessianDiagonal[j];
                double g = gradient[j] + (intercept ? TensorPrimitives.Dot<double>(curvature, xd) : WeightedDot(Column(j), curvature, xd)) + (intercept ? 0 : _l2 * d[j]);
                double delta;
                if (intercept) delta = -g / h;
                else
                {
                    double z = w[j] + d[j];
                    delta = g + _l1 <= h * z ? -(g + _l1) / h : g - _l1 >= h * z ? -(g - _l1) / h : -z;
                }
                if (delta == 0) continue;
                d[j] += delta;
                if (intercept) TensorPrimitives.Add<double>(xd, delta, xd);
                else TensorPrimitives.MultiplyAdd<double>(Column(j), delta, xd, xd);
                largest = Math.Max(largest, Math.Abs(delta) * Math.Sqrt(h));
            }
            if (pass == 0) firstPass = largest;
            if (largest <= 1e-12 * firstPass || largest == 0) break;
        }
    }

    private ReadOnlySpan<double> Column(int j) => _columns.AsSpan(j * _n, _n);

    /// <summary>The objective at w; with <paramref name="gradient"/>, also the smooth part's gradient and the per-row curvature.</summary>
    private double Evaluate(double[] w, double[] margins, double[]? gradient, double[]? curvature)
    {
        double b = _fitIntercept ? w[_p] : 0;
        Array.Fill(margins, b);
        for (int j = 0; j < _p; j++)
            if (w[j] != 0) TensorPrimitives.MultiplyAdd<double>(Column(j), w[j], margins, margins);
        double loss = 0;
        var residual = gradient is null ? null : new double[_n];
        for (int i = 0; i < _n; i++)
        {
            double margin = _y[i] * margins[i];
            loss += _weight[i] * LogisticObjective.LogOnePlusExp(-margin);
            if (residual is null) continue;
            double sigma = LinearClassifierModel.Sigmoid(-margin);
            residual[i] = -_weight[i] * _y[i] * sigma;
            curvature![i] = _weight[i] * sigma * (1 - sigma);
        }
        double penalty = 0;
        for (int j = 0; j < _p; j++) penalty += _l1 * Math.Abs(w[j]) + 0.5 * _l2 * w[j] * w[j];
        if (gradient is not null)
        {
            for (int j = 0; j < _p; j++) gradient[j] = TensorPrimitives.Dot<double>(Column(j), residual) + _l2 * w[j];
            if (_fitIntercept) gradient[_p] = TensorPrimitives.Sum<double>(residual);
        }
        return loss + penalty;
    }

    /// <summary>The L1 norm of the minimum-norm subgradient of the full objective.</summary>
    private double SubgradientL1(double[] w, double[] gradient)
    {
        double total = 0;
        for (int j = 0; j < Parameters; j++)
        {
            double g = gradient[j];
            if (j == _p) total += Math.Abs(g);
            else if (w[j] > 0) total += Math.Abs(g + _l1);
            else if (w[j] < 0) total += Math.Abs(g - _l1);
            else total += Math.Max(Math.Abs(g) - _l1, 0);
        }
        return total;
    }

    /// <summary>||w + d||_1 - ||w||_1, term by term so that rounding does not swamp a tiny change.</summary>
    private double L1Change(double[] w, double[] d)
    {
        double total = 0;
        for (int j = 0; j < _p; j++) total += Math.Abs(w[j] + d[j]) - Math.Abs(w[j]);
        return total;
    }

    private static double WeightedSquares(ReadOnlySpan<double> column, ReadOnlySpan<double> weight)
    {
        double total = 0;
        for (int i = 0; i < column.Length; i++) total += weight[i] * column[i] * column[i];
        return total;
    }

    private static double WeightedDot(ReadOnlySpan<double> column, ReadOnlySpan<double> weight, ReadOnlySpan<double> v)
    {
        double total = 0;
        for (int i = 0; i < column.Length; i++) total += weight[i] * column[i] * v[i];
        return total;
    }
}
