using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;

namespace Scalearn.Boosting;

/// <summary>
/// lightgbm's scikit-learn API (LGBMModel, lightgbm 4.7): its parameter names and defaults, passed to LightGBM under
/// their canonical names. Training is always deterministic (deterministic=true with column-wise histograms), so the
/// result depends on the data, the parameters and random_state only, never on n_jobs.
/// </summary>
public abstract class LGBMModelBase : Estimator, IRandomized
{
    public BoostingType BoostingType { get; set; } = BoostingType.Gbdt;
    public int NumLeaves { get; set => field = CheckRange(value, 2, 131072, "num_leaves"); } = 31;

    /// <summary>Maximum tree depth; 0 or less means no limit.</summary>
    public int MaxDepth { get; set; } = -1;

    public double LearningRate { get; set => field = Check.Positive(value, "learning_rate"); } = 0.1;
    public int NEstimators { get; set => field = Check.AtLeast(value, 1, "n_estimators"); } = 100;
    public int SubsampleForBin { get; set => field = Check.AtLeast(value, 1, "subsample_for_bin"); } = 200000;

    /// <summary>LightGBM objective; null picks 'binary'/'multiclass' for classifiers and 'regression' for regressors.</summary>
    public string? Objective { get; set => field = value is null ? null : Check.OneOf(value, "objective", AllowedObjectives); }

    public double MinSplitGain { get; set => field = Check.NonNegative(value, "min_split_gain"); }
    public double MinChildWeight { get; set => field = Check.NonNegative(value, "min_child_weight"); } = 1e-3;
    public int MinChildSamples { get; set => field = Check.AtLeast(value, 0, "min_child_samples"); } = 20;
    public double Subsample { get; set => field = Check.InRange(value, 0, 1, "subsample", minInclusive: false); } = 1.0;

    /// <summary>Bagging every this many rounds; 0 or less disables bagging.</summary>
    public int SubsampleFreq { get; set; }

    public double ColsampleBytree { get; set => field = Check.InRange(value, 0, 1, "colsample_bytree", minInclusive: false); } = 1.0;
    public double RegAlpha { get; set => field = Check.NonNegative(value, "reg_alpha"); }
    public double RegLambda { get; set => field = Check.NonNegative(value, "reg_lambda"); }

    /// <summary>Seed of LightGBM's generators; null keeps LightGBM's fixed default seeds.</summary>
    public int? RandomState { get; set; }

    /// <summary>Native threads: see <see cref="ThreadCount"/> (null = this fit's share of the machine).</summary>
    public int? NJobs { get; set; }

    public ImportanceType ImportanceType { get; set; } = ImportanceType.Split;

    /// <summary>Objectives this estimator accepts.</summary>
    protected abstract string[] AllowedObjectives { get; }

    protected override void Validate(DataView data)
    {
        base.Validate(data);
        CheckBoostingType();
    }

    private void CheckBoostingType()
    {
        if (BoostingType == BoostingType.Rf && !(Subsample < 1 && SubsampleFreq > 0))
            throw new ParameterException("boosting_type",
                "Parameter 'boosting_type' = 'rf' needs bagging: set subsample < 1 and subsample_freq > 0 (LightGBM's random forest mode requires it).");
    }

    /// <summary>The checked LightGBM parameters of a fit whose rows the caller bins and trains itself (data-parallel training).</summary>
    internal LightGbmParameters CheckedParameters(string objective)
    {
        CheckBoostingType();
        return Parameters(objective);
    }

    /// <summary>True when a round without a split ends the fit (see <see cref="EmptyRoundIsFinal"/>).</summary>
    internal bool StopsAtEmptyRound => EmptyRoundIsFinal;

    private protected LightGbmParameters Parameters(string objective)
    {
        var p = new LightGbmParameters()
            .Set("objective", objective, "objective")
            .Set("boosting", BoostingType == BoostingType.Goss ? "gbdt" : ParamNames.ToSnakeCase(BoostingType.ToString()), "boosting_type")
            .Set("num_leaves", NumLeaves, "num_leaves")
            .Set("max_depth", MaxDepth, "max_depth")
            .Set("learning_rate", LearningRate, "learning_rate")
            .Set("bin_construct_sample_cnt", SubsampleForBin, "subsample_for_bin")
            .Set("min_gain_to_split", MinSplitGain, "min_split_gain")
            .Set("min_sum_hessian_in_leaf", MinChildWeight, "min_child_weight")
            .Set("min_data_in_leaf", MinChildSamples, "min_child_samples")
            .Set("bagging_fraction", Subsample, "subsample")
            .Set("bagging_freq", SubsampleFreq, "subsample_freq")
            .Set("feature_fraction", ColsampleBytree, "colsample_bytree")
            .Set("lambda_l1", RegAlpha, "reg_alpha")
            .Set("lambda_l2", RegLambda, "reg_lambda");
        if (BoostingType == BoostingType.Goss) p.Set("data_sample_strategy", "goss", "boosting_type");
        if (RandomState is int seed) p.Set("seed", seed, "random_state");
        return BoostingDefaults.Apply(p);
    }

    /// <summary>True when a round without a split means every later round would be empty too.</summary>
    private protected bool EmptyRoundIsFinal =>
        BoostingType == BoostingType.Gbdt && ColsampleBytree >= 1 && (Subsample >= 1 || SubsampleFreq <= 0);

    private protected BoostedTrees Train(DataView data, BoostingTargets targets, LightGbmParameters parameters, int treesPerIteration)
    {
        var result = BoostingTrainer.Train(data, null, targets, parameters, NEstimators, ThreadCount.Resolve(NJobs), EmptyRoundIsFinal, null);
        var core = BoosterCore.Load(result.ModelText, NJobs, data.FeatureCount, treesPerIteration);
        return new BoostedTrees(core, core.Iterations, [], [], ImportanceType);
    }

    private static int CheckRange(int value, int min, int max, string parameter) =>
        value >= min && value <= max ? value
            : throw new ParameterException(parameter, $"Parameter '{parameter}' must be an integer in [{min}, {max}]; got {value}.");
}
