using System.Runtime.Intrinsics;

namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>One numeric dimension's kernels: centres, bandwidths, and each one's truncation to the domain.</summary>
internal sealed class NumericKernels
{
    private readonly TpeDimension _dim;
    private readonly double[] _logMass;
    private readonly double[] _logSigma;
    /// <summary>1 / sigma and the candidate-independent part of each kernel's log density, -log(√(2π) sigma mass).</summary>
    private readonly double[] _inverseSigma;
    private readonly double[] _logNormaliser;

    public NumericKernels(TpeDimension dim, double[] observed, double? sigma0, TpeSettings settings)
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
        _inverseSigma = new double[n + 1];
        _logNormaliser = new double[n + 1];
        // In a long study most bandwidths are clipped to the same minimum: its log is taken once.
        double logMinSigma = Math.Log(minSigma);
        for (int j = 0; j <= n; j++)
        {
            A[j] = (low - Mus[j]) / Sigmas[j];
            B[j] = (high - Mus[j]) / Sigmas[j];
            _logMass[j] = TruncatedNormal.LogGaussMass(A[j], B[j]);
            _logSigma[j] = Sigmas[j] == minSigma ? logMinSigma : Math.Log(Sigmas[j]);
            _inverseSigma[j] = 1 / Sigmas[j];
            _logNormaliser[j] = -TruncatedNormal.LogSqrt2Pi - _logMass[j] - _logSigma[j];
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
        var order = ArgsortOf(mus);
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

    /// <summary>
    /// numpy's argsort order. Without ties every correct sort gives that order, and the runtime's sort is several
    /// times faster than the reproduction of numpy's introsort, which is needed only to order ties (integers).
    /// </summary>
    private static int[] ArgsortOf(double[] mus)
    {
        var keys = (double[])mus.Clone();
        var order = new int[mus.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(keys, order);
        for (int i = 1; i < keys.Length; i++)
            if (!(keys[i - 1] < keys[i])) return NumpyArgsort.Of(mus);
        return order;
    }

    /// <summary>
    /// Writes <paramref name="from"/> plus each kernel's truncated-normal log density at the sample into
    /// <paramref name="row"/> (they may be the same array); 4 kernels per vector step, same arithmetic.
    /// </summary>
    public void AddContinuous(double sample, double[] from, double[] row)
    {
        double x = _dim.ToKernel(sample);
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            var minusInfinity = Vector256.Create(double.NegativeInfinity);
            for (; j <= row.Length - 4; j += 4)
            {
                var z = (vx - Vector256.Create(Mus.AsSpan(j, 4))) * Vector256.Create(_inverseSigma.AsSpan(j, 4));
                var outside = Vector256.LessThan(z, Vector256.Create(A.AsSpan(j, 4))) | Vector256.LessThan(Vector256.Create(B.AsSpan(j, 4)), z);
                var density = Vector256.Create(_logNormaliser.AsSpan(j, 4)) - z * z * 0.5;
                (Vector256.Create(from.AsSpan(j, 4)) + Vector256.ConditionalSelect(outside, minusInfinity, density)).CopyTo(row.AsSpan(j, 4));
            }
        }
        for (; j < row.Length; j++)
        {
            double z = (x - Mus[j]) * _inverseSigma[j];
            row[j] = from[j] + (z < A[j] || B[j] < z ? double.NegativeInfinity : _logNormaliser[j] - z * z * 0.5);
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

    private double LogMass(int j, double lower, double upper)
    {
        // Integer samples and centres repeat: the Gaussian mass depends only on the interval's offsets from the centre
        // and the bandwidth, so each distinct triple is computed once per estimator, across all candidates.
        var key = (lower - Mus[j], upper - Mus[j], Sigmas[j]);
        if (!_gaussMass.TryGetValue(key, out double mass))
            _gaussMass[key] = mass = TruncatedNormal.LogGaussMass(key.Item1 / key.Item3, key.Item2 / key.Item3);
        return mass - _logMass[j];
    }

    private readonly Dictionary<(double, double, double), double> _gaussMass = [];

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
        double logWidth = Math.Log(upper - lower);
        int j0 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vLower = Vector256.Create(lower);
            var vUpper = Vector256.Create(upper);
            var constant = Vector256.Create(logWidth - TruncatedNormal.LogSqrt2Pi);
            for (; j0 <= components - 4; j0 += 4)
            {
                var mu = Vector256.Create(Mus.AsSpan(j0, 4));
                var z = Vector256.Max(Vector256.Max(vLower - mu, mu - vUpper), Vector256<double>.Zero) / Vector256.Create(Sigmas.AsSpan(j0, 4));
                (constant - Vector256.Create(_logSigma.AsSpan(j0, 4)) - z * z * 0.5 - Vector256.Create(_logMass.AsSpan(j0, 4))
                    + Vector256.Create(logWeights.AsSpan(j0, 4))).CopyTo(bound.AsSpan(j0, 4));
            }
        }
        for (int j = j0; j < components; j++)
        {
            double z = Math.Max(Math.Max(lower - Mus[j], Mus[j] - upper), 0) / Sigmas[j];
            bound[j] = logWidth - TruncatedNormal.LogSqrt2Pi - _logSigma[j] - z * z * 0.5 - _logMass[j] + logWeights[j];
        }
        int top = 0;
        for (int j = 1; j < components; j++) if (bound[j] > bound[top]) top = j;
        var mass = new double[components];
        var first = FirstAlike;
        double threshold = LogMass(top, lower, upper) + logWeights[top] - Negligible;
        for (int j = 0; j < components; j++)
            mass[j] = bound[j] < threshold ? double.NegativeInfinity
                : first[j] < j && !double.IsNegativeInfinity(mass[first[j]]) ? mass[first[j]] : LogMass(j, lower, upper);
        return mass;
    }
}
