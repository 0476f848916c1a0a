using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Linear;

/// <summary>
/// Logistic regression (scikit-learn 1.2.1's LogisticRegression): minimizes sum_i s_i loss_i + penalty, with penalty
/// (1/(2C)) ||W||^2 (l2), (1/C) ||W||_1 (l1), (1/C) (l1_ratio ||W||_1 + (1 - l1_ratio)/2 ||W||^2) (elasticnet) or none,
/// one binary problem per class (ovr) or one softmax problem (multinomial). Solvers and their penalties follow
/// scikit-learn (<see cref="LogisticSolver"/>), with its errors for unsupported combinations. liblinear penalizes the
/// intercept (a feature of value intercept_scaling) and is always one-vs-rest; dual=True (liblinear with l2) is accepted
/// and reaches the same optimum as the primal solver used here. The one-vs-rest problems run in parallel on n_jobs
/// threads (null: all cores); results do not depend on it. verbose > 0 reports solver progress on stderr.
/// <para>
/// warm_start=True starts from the solution of this estimator's previous fit (scikit-learn's coef_ and intercept_;
/// liblinear ignores it, as in scikit-learn). This is the one place an estimator remembers a fit: the solution is kept
/// privately, never in the parameters, so <see cref="Estimator.Clone"/> and a search's copies start cold.
/// </para>
/// </summary>
[RegisteredEstimator]
public sealed class LogisticRegression : Estimator<LinearClassifierModel>, IClassifierEstimator, IRandomized
{
    private WarmStartSolution? _previous;

    /// <summary>l2, l1, elasticnet, or none / null for no penalty.</summary>
    public LogisticPenalty? Penalty { get; set; } = LogisticPenalty.L2;
    public bool Dual { get; set; }
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-4;
    [ParamName("C")]
    public double C { get; set => field = Check.Positive(value, "C"); } = 1.0;
    public bool FitIntercept { get; set; } = true;
    public double InterceptScaling { get; set => field = Check.Positive(value, "intercept_scaling"); } = 1.0;
    public ClassWeight ClassWeight { get; set; }
    public int? RandomState { get; set; }
    public LogisticSolver Solver { get; set; } = LogisticSolver.Lbfgs;
    public int MaxIter { get; set => field = Check.AtLeast(value, 0, "max_iter"); } = 100;
    public MultiClass MultiClass { get; set; } = MultiClass.Auto;
    public int Verbose { get; set => field = Check.AtLeast(value, 0, "verbose"); }
    public bool WarmStart { get; set; }
    public int? NJobs { get; set => field = LinearJobs.Check(value); }
    public double? L1Ratio { get; set => field = value is double v ? Check.InRange(v, 0, 1, "l1_ratio") : null; }

    private LogisticPenalty EffectivePenalty => Penalty ?? LogisticPenalty.None;

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        string solver = ParamNames.ToSnakeCase(Solver.ToString()).Replace('_', '-');
        string penalty = ParamNames.ToSnakeCase(EffectivePenalty.ToString());
        if (Solver is not (LogisticSolver.Liblinear or LogisticSolver.Saga) && EffectivePenalty is not (LogisticPenalty.L2 or LogisticPenalty.None))
            throw new ParameterException("penalty", $"Solver {solver} supports only 'l2' or 'none' penalties, got {penalty} penalty.");
        if (Solver != LogisticSolver.Liblinear && Dual)
            throw new ParameterException("dual", $"Solver {solver} supports only dual=False, got dual=True.");
        if (EffectivePenalty == LogisticPenalty.Elasticnet && Solver != LogisticSolver.Saga)
            throw new ParameterException("penalty", $"Only 'saga' solver supports elasticnet penalty, got solver={solver}.");
        if (Solver == LogisticSolver.Liblinear && EffectivePenalty == LogisticPenalty.None)
            throw new ParameterException("penalty", "penalty='none' is not supported for the liblinear solver.");
        if (Solver == LogisticSolver.Liblinear && Dual && EffectivePenalty == LogisticPenalty.L1)
            throw new ParameterException("dual", "The combination of penalty='l1' and loss='logistic_regression' is not supported when dual=True.");
        if (EffectivePenalty == LogisticPenalty.Elasticnet && L1Ratio is null)
            throw new ParameterException("l1_ratio", "Parameter 'l1_ratio' must be a number in [0, 1] when penalty='elasticnet'; got null.");
        if (MultiClass == MultiClass.Multinomial && Solver is LogisticSolver.Liblinear or LogisticSolver.NewtonCholesky)
            throw new ParameterException("multi_class", $"Solver {solver} does not support a multinomial backend.");
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    protected override IModel FitCore(DataView data)
    {
        var classes = LinearInputs.Classes(data, TypeName);
        var classIndex = LinearInputs.ClassIndices(data, classes, TypeName);
        int n = data.Count, p = data.FeatureCount, k = classes.Length;
        var x = data.ToMatrix().Values;
        int rows = k == 2 ? 1 : k;
        var coef = new Matrix(rows, p);
        var intercept = new double[rows];

        if (Solver == LogisticSolver.Liblinear)
        {
            var classWeights = ClassWeight.Resolve(classes, classIndex);
            LinearJobs.For(rows, NJobs, r =>
            {
                var (w, b) = LogisticLiblinear.Solve(x, n, p, classIndex, k == 2 ? 1 : r, classWeights, k == 2, EffectivePenalty, C,
                    InterceptScaling, FitIntercept, Tol, MaxIter, Verbose);
                w.CopyTo(coef.Row(r));
                intercept[r] = b;
            });
            return Remember(new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.OneVsRestLogistic, "log_loss"));
        }

        var settings = Settings();
        var warm = WarmStart ? _previous : null;
        warm?.RequireShape(rows, p, TypeName);
        if (IsMultinomial(k))
        {
            var classWeights = ClassWeight.Resolve(classes, classIndex);
            var sampleWeight = classIndex.Select(c => classWeights[c]).ToArray();
            var objective = LogisticObjective.Multinomial(x, n, p, k, classIndex, sampleWeight, settings.L2, FitIntercept);
            var start = new double[objective.ParameterCount];
            warm?.FillMultinomialStart(start, k, p, FitIntercept);
            var w = LogisticSolutions.Solve(objective, k, settings, start, 0);
            // Cold-started L-BFGS keeps the sums at zero up to rounding; leaving it untouched keeps it bit-identical to the data-parallel fit.
            if (Solver != LogisticSolver.Lbfgs || warm is not null) CenterUnidentifiedParts(w, k, p, settings);
            // Binary multinomial keeps the row of the positive class; by symmetry the other row is its negation.
            int first = k == 2 ? 1 : 0;
            for (int r = 0; r < rows; r++)
            {
                w.AsSpan((first + r) * p, p).CopyTo(coef.Row(r));
                intercept[r] = FitIntercept ? w[k * p + first + r] : 0;
            }
            return Remember(new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.Softmax, "log_loss"));
        }

        LinearJobs.For(rows, NJobs, r =>
        {
            int positive = k == 2 ? 1 : r;
            var sampleWeight = OneVsRestWeights(classes, classIndex, positive);
            var objective = LogisticObjective.Binary(x, n, p, classIndex, positive, sampleWeight, settings.L2, FitIntercept);
            var start = new double[objective.ParameterCount];
            warm?.FillBinaryStart(start, r, p, FitIntercept);
            var w = LogisticSolutions.Solve(objective, 1, settings, start, r);
            w.AsSpan(0, p).CopyTo(coef.Row(r));
            intercept[r] = FitIntercept ? w[p] : 0;
        });
        return Remember(new LinearClassifierModel(classes, coef, intercept, ProbabilityKind.OneVsRestLogistic, "log_loss"));
    }

    /// <summary>
    /// Softmax probabilities do not change when the same vector is added to every class's intercept (and, without a
    /// penalty, to every class's coefficients). Solvers that start from zero and move along gradients keep those sums
    /// at zero, which is the answer scikit-learn reports; preconditioned and warm-started solvers may drift along the
    /// flat direction, so it is removed here.
    /// </summary>
    private void CenterUnidentifiedParts(double[] w, int k, int p, LogisticSettings settings)
    {
        if (FitIntercept)
        {
            var intercepts = w.AsSpan(k * p, k);
            double mean = System.Numerics.Tensors.TensorPrimitives.Sum<double>(intercepts) / k;
            System.Numerics.Tensors.TensorPrimitives.Subtract<double>(intercepts, mean, intercepts);
        }
        if (settings.L1 != 0 || settings.L2 != 0) return;
        for (int f = 0; f < p; f++)
        {
            double mean = 0;
            for (int c = 0; c < k; c++) mean += w[c * p + f];
            mean /= k;
            for (int c = 0; c < k; c++) w[c * p + f] -= mean;
        }
    }

    /// <summary>scikit-learn's _check_multi_class: auto is ovr for liblinear, newton-cholesky and binary problems.</summary>
    private bool IsMultinomial(int classes) => MultiClass switch
    {
        MultiClass.Multinomial => true,
        MultiClass.Ovr => false,
        _ => Solver is not (LogisticSolver.Liblinear or LogisticSolver.NewtonCholesky) && classes > 2,
    };

    /// <summary>The penalty strengths of scikit-learn's _logistic_regression_path (penalty none: C = infinity).</summary>
    private LogisticSettings Settings()
    {
        double inverseC = EffectivePenalty == LogisticPenalty.None ? 0 : 1.0 / C;
        double ratio = EffectivePenalty switch { LogisticPenalty.L1 => 1, LogisticPenalty.Elasticnet => L1Ratio!.Value, _ => 0 };
        return new LogisticSettings(Solver, inverseC * (1 - ratio), inverseC * ratio, FitIntercept, Tol, MaxIter, Verbose, RandomState);
    }

    private LinearClassifierModel Remember(LinearClassifierModel model)
    {
        _previous = new WarmStartSolution(model.Coef, model.Intercept);
        return model;
    }

    /// <summary>Like scikit-learn: a label map weighs the original classes, "balanced" is computed on the binarized labels.</summary>
    private double[] OneVsRestWeights(double[] classes, int[] classIndex, int positive)
    {
        if (ClassWeight.IsBalanced)
        {
            var binary = classIndex.Select(c => c == positive ? 1 : 0).ToArray();
            var weights = ClassWeight.Resolve([-1.0, 1.0], binary);
            return binary.Select(b => weights[b]).ToArray();
        }
        var classWeights = ClassWeight.Resolve(classes, classIndex);
        return classIndex.Select(c => classWeights[c]).ToArray();
    }
}
