using System.Numerics.Tensors;
using Scalearn.Numerics;

namespace Scalearn.Linear.Solvers;

/// <summary>The losses SAG and SAGA minimize (scikit-learn's sag_solver names them squared, log and multinomial).</summary>
internal enum SagLoss
{
    Squared,
    Log,
    Multinomial,
}

/// <summary>
/// scikit-learn's sag_solver for dense rows: minimizes (1/n) sum_i s_i loss_i + alpha/(2n) ||W||^2 + beta/n ||W||_1
/// by the stochastic average gradient (SAG, Schmidt et al. 2013) or SAGA (Defazio et al. 2014; the only variant that
/// handles beta, through a soft-thresholding step). Rows are drawn uniformly with replacement; the step size is
/// scikit-learn's get_auto_step_size; an epoch ends after n draws and the fit stops when the largest weight change of
/// an epoch is at most tol times the largest weight. The just-in-time updates scikit-learn uses for sparse rows are
/// applied eagerly here, which is the same arithmetic for dense rows.
/// </summary>
internal sealed class StochasticAverageGradient
{
    public required SagLoss Loss { get; init; }
    public required double Alpha { get; init; }
    public double Beta { get; init; }
    public required bool Saga { get; init; }
    public required bool FitIntercept { get; init; }
    public required double Tol { get; init; }
    public required int MaxIter { get; init; }
    public int Verbose { get; init; }

    public sealed record Result(double[] Weights, double[] Intercept, int Epochs);

    /// <param name="x">Row-major n x p features.</param>
    /// <param name="y">Targets: real values (squared), +1/-1 (log) or class indices (multinomial).</param>
    /// <param name="classes">Columns of the weights: 1, or the number of classes for multinomial.</param>
    /// <param name="initialWeights">Feature-major p x classes starting weights (warm start), or null for zeros.</param>
    public Result Solve(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> sampleWeight, int n, int p, int classes,
        Rng rng, double[]? initialWeights = null, double[]? initialIntercept = null)
    {
        int k = classes;
        if (Beta > 0 && !Saga) throw new InvalidOperationException("SAG has no L1 step; use SAGA.");
        double maxSquaredSum = 0;
        for (int i = 0; i < n; i++) maxSquaredSum = Math.Max(maxSquaredSum, TensorPrimitives.Dot<double>(x.Slice(i * p, p), x.Slice(i * p, p)));
        double alpha = Alpha / n, beta = Beta / n;
        double lipschitz = (Loss == SagLoss.Squared ? 1.0 : 0.25) * (maxSquaredSum + (FitIntercept ? 1 : 0)) + alpha;
        double step = Saga ? 1.0 / (2 * lipschitz + Math.Min(2 * n * alpha, lipschitz)) : 1.0 / lipschitz;
        if (step * alpha == 1)
            throw new ArithmeticException("The SAG step size times alpha / n_samples is exactly 1, which this method cannot handle; change alpha.");

        var weights = initialWeights is null ? new double[p * k] : (double[])initialWeights.Clone();
        var intercept = initialIntercept is null ? new double[k] : (double[])initialIntercept.Clone();
        var sumGradient = new double[p * k];
        var interceptSumGradient = new double[k];
        var memory = new double[n * k];
        var seen = new bool[n];
        var previous = (double[])weights.Clone();
        var prediction = new double[k];
        var gradient = new double[k];
        int numSeen = 0, epoch = 0;
        double wscale = 1.0, wscaleUpdate = 1.0 - step * alpha;
        bool prox = Saga && beta > 0;

        for (epoch = 0; epoch < MaxIter; epoch++)
        {
            Execution.FitInterruption.Check();
            for (int draw = 0; draw < n; draw++)
            {
                int i = rng.NextInt(n);
                if (!seen[i]) { seen[i] = true; numSeen++; }
                var row = x.Slice(i * p, p);
                Predict(row, weights, wscale, intercept, prediction, p, k);
                LossGradient(prediction, y[i], sampleWeight[i], gradient, k);
                wscale *= wscaleUpdate;
                var stored = memory.AsSpan(i * k, k);
                double sagaFactor = step * (1 - 1.0 / numSeen) / wscale;
                if (k == 1)
                {
                    double delta = gradient[0] - stored[0];
                    if (Saga) TensorPrimitives.MultiplyAdd<double>(row, -delta * sagaFactor, weights, weights);
                    TensorPrimitives.MultiplyAdd<double>(row, delta, sumGradient, sumGradient);
                }
                else for (int c = 0; c < k; c++)
                {
                    double delta = gradient[c] - stored[c];
                    if (delta == 0) continue;
                    for (int f = 0; f < p; f++)
                    {
                        double g = row[f] * delta;
                        if (Saga) weights[f * k + c] -= g * sagaFactor;
                        sumGradient[f * k + c] += g;
                    }
                }
                if (FitIntercept)
                {
                    for (int c = 0; c < k; c++)
                    {
                        double delta = gradient[c] - stored[c];
                        interceptSumGradient[c] += delta;
                        double update = step * interceptSumGradient[c] / numSeen;
                        if (Saga) update += delta * step * (1 - 1.0 / numSeen);
                        intercept[c] -= update;
                        if (!double.IsFinite(intercept[c])) throw Overflow(epoch);
                    }
                }
                gradient.AsSpan().CopyTo(stored);
                TensorPrimitives.MultiplyAdd<double>(sumGradient, -step / (wscale * numSeen), weights, weights);
                if (prox) SoftThreshold(weights, step * beta / wscale);
                if (wscale < 1e-9)
                {
                    TensorPrimitives.Multiply<double>(weights, wscale, weights);
                    wscale = 1.0;
                }
            }
            TensorPrimitives.Multiply<double>(weights, wscale, weights);
            wscale = 1.0;
            double maxWeight = 0, maxChange = 0;
            for (int j = 0; j < weights.Length; j++)
            {
                if (!double.IsFinite(weights[j])) throw Overflow(epoch);
                maxWeight = Math.Max(maxWeight, Math.Abs(weights[j]));
                maxChange = Math.Max(maxChange, Math.Abs(weights[j] - previous[j]));
                previous[j] = weights[j];
            }
            bool converged = (maxWeight != 0 && maxChange / maxWeight <= Tol) || (maxWeight == 0 && maxChange == 0);
            if (Verbose > 0)
                Console.Error.WriteLine(converged ? $"convergence after {epoch + 1} epochs" : $"Epoch {epoch + 1}, change: {(maxWeight == 0 ? 0 : maxChange / maxWeight):F8}");
            if (converged) { epoch++; break; }
        }
        return new Result(weights, intercept, epoch);
    }

    private static void Predict(ReadOnlySpan<double> row, double[] weights, double wscale, double[] intercept, double[] prediction, int p, int k)
    {
        if (k == 1)
        {
            prediction[0] = wscale * TensorPrimitives.Dot<double>(row, weights) + intercept[0];
            return;
        }
        for (int c = 0; c < k; c++)
        {
            double dot = 0;
            for (int f = 0; f < p; f++) dot += weights[f * k + c] * row[f];
            prediction[c] = wscale * dot + intercept[c];
        }
    }

    private void LossGradient(double[] prediction, double y, double weight, double[] gradient, int k)
    {
        switch (Loss)
        {
            case SagLoss.Squared:
                gradient[0] = (prediction[0] - y) * weight;
                break;
            case SagLoss.Log:
                double z = prediction[0] * y;
                double d = z > 18 ? Math.Exp(-z) * -y : z < -18 ? -y : -y / (Math.Exp(z) + 1);
                gradient[0] = d * weight;
                break;
            default:
                double max = prediction[0];
                for (int c = 1; c < k; c++) max = Math.Max(max, prediction[c]);
                double sum = 0;
                for (int c = 0; c < k; c++) sum += Math.Exp(prediction[c] - max);
                double logSumExp = Math.Log(sum) + max;
                for (int c = 0; c < k; c++)
                    gradient[c] = (Math.Exp(prediction[c] - logSumExp) - (c == (int)y ? 1.0 : 0.0)) * weight;
                break;
        }
    }

    private static void SoftThreshold(double[] w, double shrinkage)
    {
        for (int j = 0; j < w.Length; j++)
            w[j] = Math.Max(w[j] - shrinkage, 0) - Math.Max(-w[j] - shrinkage, 0);
    }

    private static ArithmeticException Overflow(int epoch) =>
        new($"Floating-point under-/overflow occurred at epoch #{epoch + 1}. Scaling input data with StandardScaler or MinMaxScaler might help.");
}
