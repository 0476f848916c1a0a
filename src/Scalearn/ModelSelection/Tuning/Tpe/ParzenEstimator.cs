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
    private readonly Kernel?[] _kernels;
    private readonly double[]?[] _categoryWeights;

    /// <param name="observations">Per dimension, the internal values of the observations in trial order.</param>
    public ParzenEstimator(TpeDimension[] dims, double[][] observations, TpeSettings settings)
    {
        _dims = dims;
        int n = observations[0].Length;
        _weights = Weights(n, settings.PriorWeight);
        _logWeights = _weights.Select(w => Math.Log(w)).ToArray();
        _kernels = new Kernel?[dims.Length];
        _categoryWeights = new double[]?[dims.Length];
        double? sigma0 = settings.Multivariate ? Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (dims.Length + 4)) : null;
        for (int d = 0; d < dims.Length; d++)
        {
            if (dims[d].Categorical) _categoryWeights[d] = CategoryWeights(observations[d], dims[d].Choices, settings.PriorWeight);
            else _kernels[d] = new Kernel(dims[d], observations[d], sigma0, settings);
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
            _logWeights.CopyTo(row, 0);
            for (int d = 0; d < _dims.Length; d++)
            {
                double x = samples[d][k];
                if (_categoryWeights[d] is { } cw) AddCategorical(cw, _dims[d].Choices, (int)x, row);
                else if (_dims[d].Discrete)
                {
                    var byValue = discrete[d] ??= new Dictionary<double, double[]>();
                    if (!byValue.TryGetValue(x, out var mass))
                        byValue[x] = mass = _kernels[d]!.DiscreteMass(x, _dims.Length == 1 ? _logWeights : null);
                    for (int j = 0; j < components; j++) row[j] += mass[j];
                }
                else _kernels[d]!.AddContinuous(x, row);
            }
            double max = double.NegativeInfinity;
            for (int j = 0; j < components; j++) max = Math.Max(max, row[j]);
            if (double.IsNegativeInfinity(max)) { result[k] = max; continue; }
            // Terms below e^-40 of the largest are under half an ulp of the sum (>= 1) and would not change it.
            double sum = 0, floor = max - 40;
            for (int j = 0; j < components; j++) if (row[j] >= floor) sum += Math.Exp(row[j] - max);
            result[k] = Math.Log(sum) + max;
        }
        return result;
    }

    private static void AddCategorical(double[] cw, int choices, int c, double[] row)
    {
        for (int j = 0; j < row.Length; j++) row[j] += Math.Log(cw[j * choices + c]);
    }

    /// <summary>One numeric dimension's kernels: centres, bandwidths, and each one's truncation to the domain.</summary>
    private sealed class Kernel
    {
        private readonly TpeDimension _dim;
        private readonly double[] _logMass;
        private readonly double[] _logSigma;

        public Kernel(TpeDimension dim, double[] observed, double? sigma0, TpeSettings settings)
        {
            _dim = dim;
            int n = observed.Length;
            double low = dim.Low, high = dim.High;
            Mus = new double[n + 1];
            for (int i = 0; i < n; i++) Mus[i] = dim.ToKernel(observed[i]);
            Mus[n] = 0.5 * (low + high);
            Sigmas = new double[n + 1];
            if (sigma0 is double s0) Array.Fill(Sigmas, s0 * (high - low));
            else NeighbourBandwidths(Mus, low, high, settings.ConsiderEndpoints, Sigmas);
            double maxSigma = high - low;
            double minSigma = settings.ConsiderMagicClip ? (high - low) / Math.Min(100.0, 1.0 + Mus.Length) : 1e-12;
            for (int i = 0; i <= n; i++) Sigmas[i] = Math.Clamp(Sigmas[i], minSigma, maxSigma);
            Sigmas[n] = high - low;
            A = new double[n + 1];
            B = new double[n + 1];
            _logMass = new double[n + 1];
            _logSigma = new double[n + 1];
            for (int j = 0; j <= n; j++)
            {
                A[j] = (low - Mus[j]) / Sigmas[j];
                B[j] = (high - Mus[j]) / Sigmas[j];
                _logMass[j] = TruncatedNormal.LogGaussMass(A[j], B[j]);
                _logSigma[j] = Math.Log(Sigmas[j]);
            }
        }

        public double[] Mus { get; }
        public double[] Sigmas { get; }
        public double[] A { get; }
        public double[] B { get; }

        /// <summary>
        /// Each kernel's bandwidth is the larger gap to its sorted neighbours (the domain ends count as neighbours);
        /// without consider_endpoints the outermost kernels use their inner gap only. Ties are ordered as numpy's
        /// argsort orders them, since tied kernels get different bandwidths.
        /// </summary>
        private static void NeighbourBandwidths(double[] mus, double low, double high, bool considerEndpoints, double[] sigmas)
        {
            var order = NumpyArgsort.Of(mus);
            int m = mus.Length;
            var ends = new double[m + 2];
            ends[0] = low;
            for (int i = 0; i < m; i++) ends[i + 1] = mus[order[i]];
            ends[m + 1] = high;
            var sorted = new double[m];
            for (int i = 0; i < m; i++) sorted[i] = Math.Max(ends[i + 1] - ends[i], ends[i + 2] - ends[i + 1]);
            if (!considerEndpoints && ends.Length >= 4)
            {
                sorted[0] = ends[2] - ends[1];
                sorted[m - 1] = ends[m] - ends[m - 1];
            }
            for (int i = 0; i < m; i++) sigmas[order[i]] = sorted[i];
        }

        /// <summary>Adds each kernel's truncated-normal log density at the sample; 4 kernels per vector step, same arithmetic.</summary>
        public void AddContinuous(double sample, double[] row)
        {
            double x = _dim.ToKernel(sample);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var vx = Vector256.Create(x);
                var logSqrt2Pi = Vector256.Create(TruncatedNormal.LogSqrt2Pi);
                var minusInfinity = Vector256.Create(double.NegativeInfinity);
                for (; j <= row.Length - 4; j += 4)
                {
                    var z = (vx - Vector256.Create(Mus.AsSpan(j, 4))) / Vector256.Create(Sigmas.AsSpan(j, 4));
                    var outside = Vector256.LessThan(z, Vector256.Create(A.AsSpan(j, 4))) | Vector256.LessThan(Vector256.Create(B.AsSpan(j, 4)), z);
                    var density = -(z * z) / Vector256.Create(2.0) - logSqrt2Pi - Vector256.Create(_logMass.AsSpan(j, 4)) - Vector256.Create(_logSigma.AsSpan(j, 4));
                    (Vector256.Create(row.AsSpan(j, 4)) + Vector256.ConditionalSelect(outside, minusInfinity, density)).CopyTo(row.AsSpan(j, 4));
                }
            }
            for (; j < row.Length; j++)
            {
                double z = (x - Mus[j]) / Sigmas[j];
                row[j] += z < A[j] || B[j] < z ? double.NegativeInfinity : TruncatedNormal.LogPhi(z) - _logMass[j] - _logSigma[j];
            }
        }

        /// <summary>
        /// log of each kernel's mass over [x - 0.5, x + 0.5] ∩ domain, relative to its mass over the domain.
        /// When this is the only dimension (<paramref name="logWeights"/> given), kernels whose weighted term is
        /// provably below e^-50 times the largest one are left out (set to -inf): they cannot change the mixture's
        /// log density in double precision, and skipping their Gaussian masses is what keeps a 1,000-trial study fast.
        /// </summary>
        public double[] DiscreteMass(double x, double[]? logWeights)
        {
            double upper = Math.Min(x + 0.5, _dim.High), lower = Math.Max(x - 0.5, _dim.Low);
            return logWeights is null ? DiscreteMass(lower, upper) : PrunedDiscreteMass(lower, upper, logWeights);
        }

        private double LogMass(int j, double lower, double upper) =>
            TruncatedNormal.LogGaussMass((lower - Mus[j]) / Sigmas[j], (upper - Mus[j]) / Sigmas[j]) - _logMass[j];

        /// <summary>
        /// Index of the first kernel with the same centre and bandwidth: integer observations repeat, so their
        /// Gaussian masses are computed once per distinct kernel.
        /// </summary>
        private int[] FirstAlike => _firstAlike ??= FindFirstAlike();
        private int[]? _firstAlike;

        private int[] FindFirstAlike()
        {
            var first = new int[Mus.Length];
            var seen = new Dictionary<(double, double), int>();
            for (int j = 0; j < first.Length; j++)
                first[j] = seen.TryGetValue((Mus[j], Sigmas[j]), out int f) ? f : seen[(Mus[j], Sigmas[j])] = j;
            return first;
        }

        private double[] DiscreteMass(double lower, double upper)
        {
            var mass = new double[Mus.Length];
            var first = FirstAlike;
            for (int j = 0; j < mass.Length; j++) mass[j] = first[j] < j ? mass[first[j]] : LogMass(j, lower, upper);
            return mass;
        }

        private double[] PrunedDiscreteMass(double lower, double upper, double[] logWeights)
        {
            const double Negligible = 50;
            int components = Mus.Length;
            // mass <= (width / sigma) * phi(distance from the centre to the interval, in sigmas)
            var bound = new double[components];
            int top = 0;
            for (int j = 0; j < components; j++)
            {
                double z = Mus[j] < lower ? (lower - Mus[j]) / Sigmas[j] : Mus[j] > upper ? (Mus[j] - upper) / Sigmas[j] : 0;
                bound[j] = Math.Log((upper - lower) / Sigmas[j]) + TruncatedNormal.LogPhi(z) - _logMass[j] + logWeights[j];
                if (bound[j] > bound[top]) top = j;
            }
            var mass = new double[components];
            var first = FirstAlike;
            double threshold = LogMass(top, lower, upper) + logWeights[top] - Negligible;
            for (int j = 0; j < components; j++)
                mass[j] = bound[j] < threshold ? double.NegativeInfinity
                    : first[j] < j && !double.IsNegativeInfinity(mass[first[j]]) ? mass[first[j]] : LogMass(j, lower, upper);
            return mass;
        }
    }
}
