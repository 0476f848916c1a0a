using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>
/// Optuna 3.1's _ParzenEstimator: a weighted mixture with one kernel per observation plus a prior kernel. Numbers get
/// truncated Gaussians on the dimension's kernel domain (bandwidth from the neighbouring observations, or Scott's rule
/// scaled by 0.2 when multivariate; magic clip keeps it above range / min(100, 1 + kernels)); categories get a
/// smoothed indicator. One difference: the continuous log density includes -log(sigma), Optuna's fix of issue #5109
/// (released in 3.5), so that wide and narrow kernels are compared on the same footing.
/// </summary>
internal sealed class ParzenEstimator
{
    private const double Sigma0Magnitude = 0.2;

    private readonly TpeDimension[] _dims;
    private readonly double[] _weights;
    private readonly double[] _logWeights;
    private readonly NumericKernels?[] _kernels;
    private readonly double[]?[] _categoryWeights;
    private readonly double[]?[] _logCategoryWeights;

    /// <param name="observations">Per dimension, the internal values of the observations in trial order.</param>
    public ParzenEstimator(TpeDimension[] dims, double[][] observations, TpeSettings settings)
    {
        _dims = dims;
        int n = observations[0].Length;
        _weights = Weights(n, settings.PriorWeight);
        _logWeights = _weights.Select(w => Math.Log(w)).ToArray();
        _kernels = new NumericKernels?[dims.Length];
        _categoryWeights = new double[]?[dims.Length];
        _logCategoryWeights = new double[]?[dims.Length];
        double? sigma0 = settings.Multivariate ? Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (dims.Length + 4)) : null;
        for (int d = 0; d < dims.Length; d++)
        {
            if (dims[d].Categorical) _categoryWeights[d] = CategoryWeights(observations[d], dims[d].Choices, settings.PriorWeight);
            else _kernels[d] = new NumericKernels(dims[d], observations[d], sigma0, settings);
        }
    }

    public int Components => _weights.Length;

    /// <summary>
    /// Optuna's default_weights plus the prior's weight, normalised: observations beyond the 25 most recent ramp
    /// linearly from 1/n up to 1.
    /// </summary>
    internal static double[] Weights(int n, double priorWeight)
    {
        var w = new double[n + 1];
        int ramp = n < 25 ? 0 : n - 25;
        if (ramp == 1) w[0] = 1.0 / n;
        else if (ramp > 1)
        {
            double start = 1.0 / n, step = (1.0 - start) / (ramp - 1);
            for (int i = 0; i < ramp; i++) w[i] = i * step + start;
            w[ramp - 1] = 1.0;
        }
        for (int i = ramp; i < n; i++) w[i] = 1.0;
        w[n] = priorWeight;
        double sum = 0;
        foreach (double x in w) sum += x;
        for (int i = 0; i < w.Length; i++) w[i] /= sum;
        return w;
    }

    private static double[] CategoryWeights(double[] observed, int choices, double priorWeight)
    {
        int n = observed.Length;
        double value = priorWeight / (n + 1);
        var w = new double[(n + 1) * choices];
        Array.Fill(w, value);
        for (int i = 0; i < n; i++) w[i * choices + (int)observed[i]] += 1;
        for (int i = 0; i <= n; i++)
        {
            var row = w.AsSpan(i * choices, choices);
            double sum = 0;
            foreach (double x in row) sum += x;
            for (int c = 0; c < choices; c++) row[c] /= sum;
        }
        return w;
    }

    /// <summary>
    /// <paramref name="size"/> draws, per dimension, in internal form. Random numbers are consumed as Optuna consumes
    /// numpy's: the components first, then per dimension one uniform per draw.
    /// </summary>
    public double[][] Sample(Func<double> uniform, int size)
    {
        int components = _weights.Length;
        var cdf = new double[components];
        double running = 0;
        for (int j = 0; j < components; j++) cdf[j] = running += _weights[j];
        for (int j = 0; j < components; j++) cdf[j] /= running;
        var active = new int[size];
        for (int k = 0; k < size; k++)
        {
            double u = uniform();
            int lo = 0, hi = components;
            while (lo < hi)
            {
                int mid = (lo + hi) >> 1;
                if (cdf[mid] <= u) lo = mid + 1;
                else hi = mid;
            }
            active[k] = lo;
        }
        var samples = new double[_dims.Length][];
        for (int d = 0; d < _dims.Length; d++)
        {
            var s = samples[d] = new double[size];
            if (_categoryWeights[d] is { } cw)
            {
                int choices = _dims[d].Choices;
                for (int k = 0; k < size; k++)
                {
                    double u = uniform(), cumulative = 0;
                    int below = 0;
                    var row = cw.AsSpan(active[k] * choices, choices);
                    foreach (double p in row) if ((cumulative += p) < u) below++;
                    s[k] = below;
                }
            }
            else
            {
                var kernel = _kernels[d]!;
                for (int k = 0; k < size; k++)
                {
                    int j = active[k];
                    s[k] = _dims[d].FromKernel(TruncatedNormal.Ppf(uniform(), kernel.A[j], kernel.B[j]) * kernel.Sigmas[j] + kernel.Mus[j]);
                }
            }
        }
        return samples;
    }

    /// <summary>The mixture's log density at each point (points per dimension, internal form).</summary>
    public double[] LogPdf(double[][] samples)
    {
        int size = samples[0].Length, components = _weights.Length;
        var result = new double[size];
        if (_dims.Length == 1 && _categoryWeights[0] is { } only)
        {
            int choices = _dims[0].Choices;
            var mixture = new double[choices];
            for (int c = 0; c < choices; c++)
                for (int j = 0; j < components; j++) mixture[c] += only[j * choices + c] * _weights[j];
            for (int k = 0; k < size; k++) result[k] = Math.Log(mixture[(int)samples[0][k]]);
            return result;
        }
        // One row of component terms at a time: a whole samples x components table would land on the large-object
        // heap for a long study and cost a full garbage collection per proposal.
        var row = new double[components];
        var discrete = new Dictionary<double, double[]>?[_dims.Length];
        for (int k = 0; k < size; k++)
        {
            // Each dimension adds its terms to the previous ones, the first to the log weights (no copy needed).
            double[] from = _logWeights;
            for (int d = 0; d < _dims.Length; d++, from = row)
            {
                double x = samples[d][k];
                if (_categoryWeights[d] is not null) AddCategorical(LogCategoryWeights(d), _dims[d].Choices, (int)x, from, row);
                else if (_dims[d].Discrete)
                {
                    var byValue = discrete[d] ??= new Dictionary<double, double[]>(size);
                    if (!byValue.TryGetValue(x, out var mass))
                        byValue[x] = mass = _kernels[d]!.DiscreteMass(x, _dims.Length == 1 ? _logWeights : null);
                    TensorPrimitives.Add(from, mass, row);
                }
                else _kernels[d]!.AddContinuous(x, from, row);
            }
            result[k] = LogSumExp(row);
        }
        return result;
    }

    /// <summary>log Σ exp(row), as exp(max) Σ exp(row - max): one pass for the maximum, one for the sum.</summary>
    private static double LogSumExp(double[] row)
    {
        double max = TensorPrimitives.Max<double>(row);
        if (double.IsNegativeInfinity(max) || double.IsNaN(max)) return max;
        int j = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Terms below e^-700 cannot change a sum that holds e^0: raising them to -700 keeps Vector256.Exp off its
            // scalar path for -inf (kernels that exclude the point) without changing the result.
            var vMax = Vector256.Create(max);
            var floor = Vector256.Create(-700.0);
            var acc = Vector256<double>.Zero;
            for (; j <= row.Length - 4; j += 4) acc += Vector256.Exp(Vector256.Max(Vector256.Create(row.AsSpan(j, 4)) - vMax, floor));
            sum = Vector256.Sum(acc);
        }
        for (; j < row.Length; j++) sum += Math.Exp(row[j] - max);
        return Math.Log(sum) + max;
    }

    private static void AddCategorical(double[] logCw, int choices, int c, double[] from, double[] row)
    {
        for (int j = 0; j < row.Length; j++) row[j] = from[j] + logCw[j * choices + c];
    }

    private double[] LogCategoryWeights(int d) =>
        _logCategoryWeights[d] ??= _categoryWeights[d]!.Select(w => Math.Log(w)).ToArray();
}
