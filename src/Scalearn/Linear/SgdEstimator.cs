using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;

namespace Scalearn.Linear;

/// <summary>
/// Hyperparameters shared by <see cref="SGDClassifier"/> and <see cref="SGDRegressor"/> (scikit-learn 1.2.1 names and
/// defaults). tol null disables the loss-based stopping rule; average 0 disables averaging, n > 0 averages the weights
/// of every update from the n-th on (scikit-learn's average=True is 1). Early stopping applies to fit, not to partial_fit.
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
    public int Average { get; set => field = Check.AtLeast(value, 0, "average"); }

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

    internal SgdSettings Settings() =>
        new(Loss, Epsilon, Penalty ?? SgdPenalty.None, Alpha, L1Ratio, LearningRate, Eta0, PowerT, FitIntercept, Average, Shuffle, Tol, NIterNoChange);

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
