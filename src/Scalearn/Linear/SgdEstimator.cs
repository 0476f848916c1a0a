using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Hyperparameters shared by <see cref="SGDClassifier"/> and <see cref="SGDRegressor"/> (scikit-learn 1.2.1 names and
/// defaults). tol null disables the loss-based stopping rule; average is false, true or the update from which weights are
/// averaged (<see cref="SgdAverage"/>). Early stopping applies to fit, not to partial_fit. verbose > 0 reports every
/// epoch on stderr as scikit-learn does.
/// <para>
/// warm_start=True starts fit from the coefficients of this estimator's previous fit (scikit-learn's coef_ and
/// intercept_; the step counter and the averages restart, as in scikit-learn). This is the one place an estimator
/// remembers a fit: the solution is kept privately, never in the parameters, so <see cref="Estimator.Clone"/> and a
/// search's copies start cold.
/// </para>
/// </summary>
public abstract class SgdEstimator : Estimator, IRandomized, IIncrementalEstimator
{
    /// <summary>l2, l1, elasticnet, or none / null for no penalty.</summary>
    public SgdPenalty? Penalty { get; set; } = SgdPenalty.L2;
    public double Alpha { get; set => field = Check.NonNegative(value, "alpha"); } = 1e-4;
    public double L1Ratio { get; set => field = Check.InRange(value, 0, 1, "l1_ratio"); } = 0.15;
    public bool FitIntercept { get; set; } = true;
    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 1000;
    public double? Tol { get; set => field = value is double v && double.IsNaN(v) ? throw new ParameterException("tol", "Parameter 'tol' must be a number or null; got NaN.") : value; } = 1e-3;
    public bool Shuffle { get; set; } = true;
    public double Epsilon { get; set => field = Check.NonNegative(value, "epsilon"); } = 0.1;
    public int? RandomState { get; set; }
    public double Eta0 { get; set => field = Check.NonNegative(value, "eta0"); }
    public double PowerT { get; set => field = double.IsFinite(value) ? value : throw new ParameterException("power_t", $"Parameter 'power_t' must be a finite number; got {value}."); } = 0.5;
    public bool EarlyStopping { get; set; }
    public double ValidationFraction { get; set => field = Check.InRange(value, 0, 1, "validation_fraction", minInclusive: false, maxInclusive: false); } = 0.1;
    public int NIterNoChange { get; set => field = Check.AtLeast(value, 1, "n_iter_no_change"); } = 5;
    public SgdAverage Average { get; set; } = false;
    public int Verbose { get; set => field = Check.AtLeast(value, 0, "verbose"); }
    public bool WarmStart { get; set; }

    /// <summary>The previous fit's coefficients, for warm_start (kept out of the parameters on purpose).</summary>
    private WarmStartSolution? _previous;

    public abstract SgdLoss Loss { get; set; }
    public abstract SgdLearningRate LearningRate { get; set; }

    public abstract IIncrementalLearner StartIncremental();

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        CheckSettings();
        LinearInputs.RequireFiniteFeaturesAndTarget(data, TypeName);
    }

    internal void CheckSettings()
    {
        if (LearningRate != SgdLearningRate.Optimal && !(Eta0 > 0))
            throw new ParameterException("eta0", $"Parameter 'eta0' must be > 0 with learning_rate='{ParamNames.ToSnakeCase(LearningRate.ToString())}'; got {ParamConverter.Format(Eta0)}.");
        if (LearningRate == SgdLearningRate.Optimal && !(Alpha > 0))
            throw new ParameterException("alpha", "Parameter 'alpha' must be > 0 with learning_rate='optimal' (the step size is 1 / (alpha t)).");
    }

    /// <summary>The state of problem r: zeros, or the previous fit's row r when warm-starting (shapes must agree).</summary>
    private protected SgdState InitialState(int r, int rows, int features)
    {
        var previous = WarmStart ? _previous : null;
        if (previous is null) return new SgdState(features, Average.From > 0);
        previous.RequireShape(rows, features, TypeName);
        return SgdState.From(previous.Coef.Row(r), previous.Intercept[r], Average.From > 0);
    }

    private protected TModel Remember<TModel>(TModel model, Matrix coef, double[] intercept) where TModel : IModel
    {
        _previous = new WarmStartSolution(coef, intercept);
        return model;
    }

    internal SgdSettings Settings() =>
        new(Loss, Epsilon, Penalty ?? SgdPenalty.None, Alpha, L1Ratio, LearningRate, Eta0, PowerT, FitIntercept, Average.From, Shuffle, Tol, NIterNoChange, Verbose);

    /// <summary>Seed for this fit: the random_state, or a fresh one when it is null.</summary>
    internal int Seed() => (int)(Rng.FromOptionalSeed(RandomState).NextULong() >> 33);

    internal static string LossName(SgdLoss loss) => ParamNames.ToSnakeCase(loss.ToString());

    /// <summary>Splits positions 0..n-1 into training and validation positions (per class when labels are given, like StratifiedShuffleSplit).</summary>
    internal (int[] Train, int[] Validation) SplitForEarlyStopping(int n, int[]? classIndex, int seed)
    {
        var all = Enumerable.Range(0, n).ToArray();
        if (!EarlyStopping) return (all, []);
        var rng = new Rng(Rng.Derive(seed, -1));
        var groups = classIndex is null ? [all] : all.GroupBy(i => classIndex[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var train = new List<int>();
        var validation = new List<int>();
        foreach (var group in groups)
        {
            rng.Shuffle(group.AsSpan());
            int take = (int)Math.Ceiling(ValidationFraction * group.Length);
            validation.AddRange(group.Take(take));
            train.AddRange(group.Skip(take));
        }
        if (train.Count == 0 || validation.Count == 0)
            throw new ArgumentException($"Splitting {n} samples into a train set and a validation set with validation_fraction={ParamConverter.Format(ValidationFraction)} led to an empty set ({train.Count} and {validation.Count} samples). Change validation_fraction, add samples, or disable early_stopping.");
        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }
}
