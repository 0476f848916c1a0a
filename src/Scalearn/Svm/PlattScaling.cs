using System.Runtime.CompilerServices;
using Scalearn.Numerics;

namespace Scalearn.Svm;

/// <summary>
/// Probability calibration of a binary SVC as in libsvm (svm_binary_svc_probability): decision values from an internal
/// 5-fold cross-validation, then a sigmoid 1 / (1 + exp(A f + B)) fitted by Newton's method with backtracking
/// (Lin, Lin and Weng 2007).
/// </summary>
internal static class PlattScaling
{
    private const int Folds = 5;

    public static (double A, double B) Fit(KernelMatrix kernel, int[] rows, sbyte[] y, double cp, double cn, SolverSettings settings, Rng rng)
    {
        int l = rows.Length;
        var perm = new int[l];
        for (int i = 0; i < l; i++) perm[i] = i;
        for (int i = 0; i < l; i++)
        {
            int j = i + rng.NextInt(l - i);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        var decisions = new double[l];
        for (int fold = 0; fold < Folds; fold++)
        {
            int begin = fold * l / Folds, end = (fold + 1) * l / Folds;
            var trainRows = new int[l - (end - begin)];
            var trainY = new sbyte[trainRows.Length];
            int k = 0, positives = 0, negatives = 0;
            for (int t = 0; t < l; t++)
            {
                if (t >= begin && t < end) continue;
                trainRows[k] = rows[perm[t]];
                trainY[k] = y[perm[t]];
                if (trainY[k] > 0) positives++; else negatives++;
                k++;
            }
            if (positives == 0 || negatives == 0)
            {
                double constant = positives > 0 ? 1 : negatives > 0 ? -1 : 0;
                for (int t = begin; t < end; t++) decisions[perm[t]] = constant;
                continue;
            }
            var model = BinarySvc.Train(kernel, trainRows, trainY, cp, cn, settings);
            var testRows = new int[end - begin];
            for (int t = begin; t < end; t++) testRows[t - begin] = rows[perm[t]];
            var testDecisions = new double[testRows.Length];
            model.Decide(kernel, trainRows, testRows, testDecisions);
            for (int t = begin; t < end; t++) decisions[perm[t]] = testDecisions[t - begin];
        }
        return FitSigmoid(decisions, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double A, double B) FitSigmoid(double[] decisions, sbyte[] labels)
    {
        int l = decisions.Length;
        double prior1 = 0, prior0 = 0;
        foreach (var label in labels) { if (label > 0) prior1++; else prior0++; }
        const int maxIter = 100;
        const double minStep = 1e-10, sigma = 1e-12, eps = 1e-5;
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        var t = new double[l];
        double a = 0.0, b = Math.Log((prior0 + 1.0) / (prior1 + 1.0));
        double fval = 0.0;
        for (int i = 0; i < l; i++)
        {
            t[i] = labels[i] > 0 ? hiTarget : loTarget;
            fval += Loss(decisions[i] * a + b, t[i]);
        }
        for (int iter = 0; iter < maxIter; iter++)
        {
            double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
            for (int i = 0; i < l; i++)
            {
                double fApB = decisions[i] * a + b;
                double p, q;
                if (fApB >= 0)
                {
                    double e = Math.Exp(-fApB);
                    p = e / (1.0 + e);
                    q = 1.0 / (1.0 + e);
                }
                else
                {
                    double e = Math.Exp(fApB);
                    p = 1.0 / (1.0 + e);
                    q = e / (1.0 + e);
                }
                double d2 = p * q;
                h11 += decisions[i] * decisions[i] * d2;
                h22 += d2;
                h21 += decisions[i] * d2;
                double d1 = t[i] - p;
                g1 += decisions[i] * d1;
                g2 += d1;
            }
            if (Math.Abs(g1) < eps && Math.Abs(g2) < eps) break;
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double stepSize = 1;
            while (stepSize >= minStep)
            {
                double newA = a + stepSize * dA, newB = b + stepSize * dB;
                double newF = 0.0;
                for (int i = 0; i < l; i++) newF += Loss(decisions[i] * newA + newB, t[i]);
                if (newF < fval + 0.0001 * stepSize * gd)
                {
                    a = newA;
                    b = newB;
                    fval = newF;
                    break;
                }
                stepSize /= 2.0;
            }
            if (stepSize < minStep) break; // line search failed; keep the last good sigmoid
        }
        return (a, b);
    }

    private static double Loss(double fApB, double target) =>
        fApB >= 0 ? target * fApB + Math.Log(1 + Math.Exp(-fApB)) : (target - 1) * fApB + Math.Log(1 + Math.Exp(fApB));

    /// <summary>P(label +1 | decision value).</summary>
    public static double Predict(double decision, double a, double b)
    {
        double fApB = decision * a + b;
        return fApB >= 0 ? Math.Exp(-fApB) / (1.0 + Math.Exp(-fApB)) : 1.0 / (1 + Math.Exp(fApB));
    }
}
