using Scalearn.Numerics;

namespace Scalearn.ModelSelection.Tuning.Tpe;

/// <summary>
/// Tree-structured Parzen Estimator, reproducing Optuna 3.1's TPESampler for one maximised objective (with the later
/// fix of its truncated-normal log density, and multivariate and the constant liar on by default). Until
/// <see cref="TpeOptions.NStartupTrials"/> trials have finished, parameters are drawn at random. Then the finished
/// trials are split into the best gamma(n) = min(ceil(0.1 n), 25) ("below") and the rest ("above"), a Parzen density
/// is fitted to each, <see cref="TpeOptions.NEiCandidates"/> candidates are drawn from the good density and the one
/// maximising l(x)/g(x) is proposed. Conditional parameters are modelled on the trials where they exist. Failed trials
/// (NaN) count as finished with the worst score (Optuna drops them); with the constant liar, trials in flight join the
/// bad side. Deterministic for a seed when trials are told in the same order. Not thread-safe: one caller at a time.
/// </summary>
public sealed class TpeTuner : ITuner
{
    private readonly TrialBook _book = new();
    private readonly TpeDimension[] _dims;
    private readonly TpeSettings _settings;
    private readonly Func<double> _startupUniform;
    private readonly Func<double> _uniform;
    private readonly List<Observation> _trials = [];
    /// <summary>Finished trials by loss, ties in trial order (Optuna's stable argsort), kept sorted as they are told.</summary>
    private readonly List<int> _ranked = [];
    private bool[]? _inEveryFinished;
    private int _finished;

    public TpeTuner(SearchSpace space, TpeOptions? options = null)
        : this(space, options ?? new TpeOptions(), null, null) { }

    /// <summary>Draws from the given [0, 1) sources instead of the seed's (tests replay numpy's generator with them).</summary>
    internal TpeTuner(SearchSpace space, TpeOptions options, Func<double>? startupUniform, Func<double>? uniform)
    {
        Space = space ?? throw new ArgumentNullException(nameof(space));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        options.Check();
        _dims = space.Parameters.Select(p => new TpeDimension(p.Distribution)).ToArray();
        // As in Optuna, multivariate bandwidths apply to parameters sampled one by one as well.
        _settings = new TpeSettings(options.PriorWeight, options.ConsiderMagicClip, options.ConsiderEndpoints, options.Multivariate);
        // Optuna's TPESampler and its startup RandomSampler draw from two generators seeded alike.
        _startupUniform = startupUniform ?? new Rng(Rng.Derive(options.Seed, 0)).NextDouble;
        _uniform = uniform ?? new Rng(Rng.Derive(options.Seed, 1)).NextDouble;
    }

    public SearchSpace Space { get; }
    public TpeOptions Options { get; }
    public bool Exhausted => false;

    public IReadOnlyDictionary<string, object?>? Propose(int trial)
    {
        _book.Propose(trial);
        int n = _finished;
        bool modelled = n >= Options.NStartupTrials;
        var split = modelled ? Split(n) : default;
        var joint = modelled && Options.Multivariate ? SampleJoint(split) : null;
        var values = new double[_dims.Length];
        Array.Fill(values, double.NaN);
        var candidate = Space.Walk((i, p, _) =>
        {
            var d = p.Distribution;
            object? value = d.Single ? d.First
                : joint is not null && !double.IsNaN(joint[i]) ? d.ToExternal(joint[i])
                : modelled ? d.ToExternal(SampleIndependent(i, split))
                : d.SampleUniform(_startupUniform);
            values[i] = d.ToInternal(value);
            return value;
        });
        _trials.Add(new Observation(values));
        return candidate;
    }

    public void Tell(int trial, double score)
    {
        _book.Tell(trial);
        var t = _trials[trial];
        t.Finished = true;
        t.Loss = double.IsNaN(score) ? double.PositiveInfinity : -score;
        _finished++;
        int lo = 0, hi = _ranked.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            var other = _trials[_ranked[mid]];
            if (other.Loss < t.Loss || (other.Loss == t.Loss && _ranked[mid] < trial)) lo = mid + 1;
            else hi = mid;
        }
        _ranked.Insert(lo, trial);
        if (_inEveryFinished is null) _inEveryFinished = t.Values.Select(v => !double.IsNaN(v)).ToArray();
        else for (int i = 0; i < _inEveryFinished.Length; i++) _inEveryFinished[i] &= !double.IsNaN(t.Values[i]);
    }

    /// <summary>gamma(n) = min(ceil(0.1 n), 25): how many of the n finished trials count as good.</summary>
    internal static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    /// <summary>
    /// The trials modelled, split into the best gamma(n) finished ones and the rest (trials in flight last when the
    /// constant liar includes them), each side in trial order.
    /// </summary>
    private (int[] Below, int[] Above) Split(int n)
    {
        int nBelow = Gamma(n);
        var below = _ranked.GetRange(0, nBelow).ToArray();
        Array.Sort(below);
        var above = new List<int>(_trials.Count - nBelow);
        var isBelow = new bool[_trials.Count];
        foreach (int t in below) isBelow[t] = true;
        for (int t = 0; t < _trials.Count; t++)
            if (!isBelow[t] && (_trials[t].Finished || Options.ConstantLiar)) above.Add(t);
        return (below, above.ToArray());
    }

    private double SampleIndependent(int parameter, (int[] Below, int[] Above) split)
    {
        int[] dims = [parameter];
        return SampleBest(dims, split)[0];
    }

    /// <summary>
    /// Joint sample of the parameters present in every finished trial (Optuna's intersection search space, single
    /// values excluded); NaN for the others.
    /// </summary>
    private double[]? SampleJoint((int[] Below, int[] Above) split)
    {
        if (_inEveryFinished is null) return null;
        var dims = Enumerable.Range(0, _dims.Length).Where(i => _inEveryFinished[i] && !_dims[i].Distribution.Single).ToArray();
        if (dims.Length == 0) return null;
        var best = SampleBest(dims, split);
        var result = new double[_dims.Length];
        Array.Fill(result, double.NaN);
        for (int k = 0; k < dims.Length; k++) result[dims[k]] = best[k];
        return result;
    }

    /// <summary>Fits l and g on the trials having every one of <paramref name="dims"/>, and returns the candidate with the largest log l - log g.</summary>
    private double[] SampleBest(int[] dims, (int[] Below, int[] Above) split)
    {
        var kernels = dims.Select(i => _dims[i]).ToArray();
        var below = new ParzenEstimator(kernels, Observed(dims, split.Below), _settings);
        var above = new ParzenEstimator(kernels, Observed(dims, split.Above), _settings);
        var samples = below.Sample(_uniform, Options.NEiCandidates);
        var logL = below.LogPdf(samples);
        var logG = above.LogPdf(samples);
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int k = 0; k < logL.Length; k++)
        {
            double score = logL[k] - logG[k];
            if (score > bestScore || (double.IsNaN(score) && !double.IsNaN(bestScore))) (bestScore, best) = (score, k);
        }
        return samples.Select(s => s[best]).ToArray();
    }

    private double[][] Observed(int[] dims, int[] trials)
    {
        var rows = new int[trials.Length];
        int count = 0;
        foreach (int t in trials)
        {
            var values = _trials[t].Values;
            bool present = true;
            foreach (int i in dims) present &= !double.IsNaN(values[i]);
            if (present) rows[count++] = t;
        }
        var observed = new double[dims.Length][];
        for (int d = 0; d < dims.Length; d++)
        {
            var column = observed[d] = new double[count];
            for (int r = 0; r < count; r++) column[r] = _trials[rows[r]].Values[dims[d]];
        }
        return observed;
    }

    private sealed class Observation(double[] values)
    {
        /// <summary>Internal value per space parameter; NaN where the parameter did not exist.</summary>
        public double[] Values { get; } = values;
        public bool Finished { get; set; }
        /// <summary>-score (Optuna minimises); +inf for a failed trial.</summary>
        public double Loss { get; set; }
    }
}
