using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Svm;

/// <summary>
/// C-support vector classification (scikit-learn's SVC on libsvm): SMO with second-order working-set selection and
/// shrinking, one-vs-one for multiclass, optional Platt-scaled probabilities with pairwise coupling.
/// </summary>
[RegisteredEstimator]
public sealed class SVC : Estimator<SvcModel>, IClassifierEstimator, IRandomized
{
    [ParamName("C")]
    public double C { get; set => field = Check.Positive(value, "C"); } = 1.0;
    public SvmKernel Kernel { get; set; } = SvmKernel.Rbf;
    public int Degree { get; set => field = Check.AtLeast(value, 0, "degree"); } = 3;
    public SvmGamma Gamma { get; set => field = value ?? throw new ParameterException("gamma", "Parameter 'gamma' must be 'scale', 'auto' or a number >= 0; got null."); } = SvmGamma.Scale;
    public double Coef0 { get; set => field = double.IsFinite(value) ? value : throw new ParameterException("coef0", $"Parameter 'coef0' must be a finite number; got {ParamConverter.Format(value)}."); }
    public bool Shrinking { get; set; } = true;
    public bool Probability { get; set; }
    public double Tol { get; set => field = Check.Positive(value, "tol"); } = 1e-3;
    public double CacheSize { get; set => field = Check.Positive(value, "cache_size"); } = 200;
    public ClassWeightOption ClassWeight { get; set => field = ClassWeightOption.WithoutSubsample(value, nameof(SVC)); } = ClassWeightOption.None;
    public int MaxIter { get; set => field = Check.AtLeast(value, -1, "max_iter"); } = -1;
    public DecisionFunctionShape DecisionFunctionShape { get; set; } = DecisionFunctionShape.Ovr;
    public bool BreakTies { get; set; }
    public int? RandomState { get; set; }

    /// <summary>libsvm's summary of each solver run (iterations, objective, rho, support vectors) on stderr.</summary>
    public bool Verbose { get; set; }


    protected override void Validate(DataView data)
    {
        base.Validate(data);
        if (BreakTies && DecisionFunctionShape == DecisionFunctionShape.Ovo)
            throw new ParameterException("break_ties", "Parameter 'break_ties' must be false when decision_function_shape is 'ovo'.");
    }

    protected override IModel FitCore(DataView data)
    {
        var x = SvmInput.TrainingMatrix(data, nameof(SVC));
        var y = SvmInput.Targets(data, nameof(SVC));
        var classes = y.Distinct().Order().ToArray();
        if (classes.Length < 2)
            throw new ArgumentException($"SVC needs at least 2 classes in the target; got 1 class ({ParamConverter.Format(classes[0])}).");
        int k = classes.Length;
        var members = new List<int>[k];
        for (int c = 0; c < k; c++) members[c] = [];
        for (int i = 0; i < y.Length; i++) members[Array.BinarySearch(classes, y[i])].Add(i);
        var weights = ClassWeight.Resolve(classes, members.Select(m => m.Count).ToArray());

        var kernelFunction = new KernelFunction(Kernel, Degree, Gamma.Resolve(x.Values, x.Cols), Coef0);
        long cacheBytes = SvmInput.CacheBytes(CacheSize);
        using var kernel = new KernelMatrix(x.Values, x.Rows, x.Cols, kernelFunction, cacheBytes);
        var settings = new SolverSettings(Tol, Shrinking, MaxIter, cacheBytes, Verbose);
        var rng = Probability ? Rng.FromOptionalSeed(RandomState) : null;

        int pairs = k * (k - 1) / 2;
        var rho = new double[pairs];
        var probA = Probability ? new double[pairs] : null;
        var probB = Probability ? new double[pairs] : null;
        var pairCoefficients = new double[pairs][];
        var isSupport = new bool[y.Length];
        int p = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                var rows = members[i].Concat(members[j]).ToArray();
                var labels = new sbyte[rows.Length];
                for (int t = 0; t < rows.Length; t++) labels[t] = t < members[i].Count ? (sbyte)1 : (sbyte)-1;
                double cp = C * weights[i], cn = C * weights[j];
                if (rng is not null) (probA![p], probB![p]) = PlattScaling.Fit(kernel, rows, labels, cp, cn, settings, rng);
                var solution = BinarySvc.Train(kernel, rows, labels, cp, cn, settings);
                rho[p] = solution.Rho; 
                pairCoefficients[p] = solution.Coefficients;
                for (int t = 0; t < rows.Length; t++) if (solution.Coefficients[t] != 0) isSupport[rows[t]] = true;
            }
        }

        // Support vectors grouped by class (class order, then row order), as libsvm and scikit-learn store them.
        var support = new List<int>();
        var nSupport = new int[k];
        for (int c = 0; c < k; c++)
            foreach (int row in members[c])
                if (isSupport[row]) { support.Add(row); nSupport[c]++; }
        var position = new Dictionary<int, int>(support.Count);
        for (int s = 0; s < support.Count; s++) position[support[s]] = s;

        var dualCoef = new double[Math.Max(k - 1, 1)][];
        for (int r = 0; r < dualCoef.Length; r++) dualCoef[r] = new double[support.Count];
        p = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = i + 1; j < k; j++, p++)
            {
                var coef = pairCoefficients[p];
                int t = 0;
                foreach (int row in members[i]) { if (coef[t] != 0) dualCoef[j - 1][position[row]] = coef[t]; t++; }
                foreach (int row in members[j]) { if (coef[t] != 0) dualCoef[i][position[row]] = coef[t]; t++; }
            }
        }

        var vectors = new Matrix(support.Count, x.Cols);
        for (int s = 0; s < support.Count; s++) x.Row(support[s]).CopyTo(vectors.Row(s));
        var supportIndices = support.ToArray();
        return new SvcModel(classes, x.Cols, new SupportVectors(vectors, kernelFunction), supportIndices, nSupport,
            dualCoef, rho, probA, probB, DecisionFunctionShape, BreakTies);
    }
}
