using Scalearn.Boosting.Native;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Metrics;
using Scalearn.Numerics;

namespace Scalearn.Boosting;

/// <summary>
/// scikit-learn 1.2.1's HistGradientBoosting parameters and early stopping, trained by LightGBM. The tree growth is
/// the same algorithm (leaf-wise best-first on histograms, leaf value -G/(H + l2_regularization) times the learning
/// rate, min_hessian 1e-3, learned direction for missing values, a constant baseline first). Where LightGBM differs:
/// <list type="bullet">
/// <item>Bin edges: LightGBM's own greedy binning on a 200,000-row sample instead of scikit-learn's quantiles
/// (max_bins non-missing bins in both; min_data_in_bin=1 so that low-cardinality features keep one bin per value as in
/// scikit-learn).</item>
/// <item>More than two classes: LightGBM scales the softmax Hessian by f = k/(k-1). The learning rate, l2 penalty and
/// minimum Hessian are scaled by f too, which gives exactly scikit-learn's leaf values and split order.</item>
/// <item>Poisson: LightGBM's max_delta_step safeguard is set to a negligible 1e-10 to match scikit-learn's Hessian.</item>
/// <item>Categorical splits: LightGBM's (categories sorted by gradient/(hessian + 10), as scikit-learn, with at most
/// max_bins categories in a split and 10 rows per category); an unseen category follows the 'other' branch
/// where scikit-learn sends it with the missing values.</item>
/// <item>The validation split and scorer subsample use Scalearn's generator (same sizes and stratification); scorers
/// ignore class-weight sample weights.</item>
/// </list>
/// </summary>
[UnsupportedParam("monotonic_cst", null, "monotonic constraints are not wired to LightGBM's monotone_constraints yet")]
[UnsupportedParam("interaction_cst", null, "interaction constraints are not wired to LightGBM's interaction_constraints yet")]
[UnsupportedParam("warm_start", false, "a fit always starts from scratch")]
[UnsupportedParam("verbose", 0L, "no progress is printed")]
public abstract class HistGradientBoostingBase : Estimator, IRandomized
{
    private const int ScorerSubsample = 10_000;

    public double LearningRate { get; set => field = Check.Positive(value, "learning_rate"); } = 0.1;
    public int MaxIter { get; set => field = Check.AtLeast(value, 1, "max_iter"); } = 100;
    public int? MaxLeafNodes { get; set => field = Check.AtLeastOrNull(value, 2, "max_leaf_nodes"); } = 31;
    public int? MaxDepth { get; set => field = Check.AtLeastOrNull(value, 1, "max_depth"); }
    public int MinSamplesLeaf { get; set => field = Check.AtLeast(value, 1, "min_samples_leaf"); } = 20;
    public double L2Regularization { get; set => field = Check.NonNegative(value, "l2_regularization"); }

    public int MaxBins
    {
        get;
        set => field = value is >= 2 and <= 255 ? value
            : throw new ParameterException("max_bins", $"Parameter 'max_bins' must be an integer in [2, 255]; got {value}.");
    } = 255;

    public CategoricalFeatures CategoricalFeatures { get; set => field = value ?? CategoricalFeatures.None; } = CategoricalFeatures.None;
    public EarlyStoppingMode EarlyStopping { get; set; } = EarlyStoppingMode.Auto;

    /// <summary>'loss', null (the estimator's default scorer) or a scorer name.</summary>
    public string? Scoring
    {
        get;
        set => field = value is null || value == "loss" || Scorers.Names.Contains(value) ? value
            : throw new ParameterException("scoring", $"Parameter 'scoring' must be 'loss', null or one of {string.Join(", ", Scorers.Names.Select(n => $"'{n}'"))}; got '{value}'.");
    } = "loss";

    /// <summary>A fraction in (0, 1), a whole number of rows >= 1, or null (score on the training data).</summary>
    public double? ValidationFraction
    {
        get;
        set => field = value is null || (value > 0 && value < 1) || (value >= 1 && value == Math.Floor(value.Value) && double.IsFinite(value.Value)) ? value
            : throw new ParameterException("validation_fraction", $"Parameter 'validation_fraction' must be a fraction in (0, 1), a whole number of rows >= 1 or null; got {ParamConverter.Format(value)}.");
    } = 0.1;

    public int NIterNoChange { get; set => field = Check.AtLeast(value, 1, "n_iter_no_change"); } = 10;
    public double Tol { get; set => field = Check.NonNegative(value, "tol"); } = 1e-7;
    public int? RandomState { get; set; }

    private protected abstract bool IsClassifier { get; }

    private protected BoostedTrees Train(DataView data, BoostingTargets targets, BoostingLoss loss, double quantile, LightGbmParameters parameters)
    {
        int classes = targets.Classes?.Length ?? 0;
        double hessianScale = classes > 2 ? classes / (classes - 1.0) : 1.0;
        int seed = RandomState ?? Rng.FromOptionalSeed(null).NextInt(int.MaxValue);
        var categorical = CategoricalColumns(data);
        parameters
            .Set("learning_rate", LearningRate * hessianScale, "learning_rate")
            .Set("num_leaves", MaxLeafNodes ?? 131072, "max_leaf_nodes")
            .Set("max_depth", MaxDepth ?? -1, "max_depth")
            .Set("min_data_in_leaf", MinSamplesLeaf, "min_samples_leaf")
            .Set("lambda_l2", L2Regularization * hessianScale, "l2_regularization")
            .Set("max_bin", MaxBins, "max_bins")
            .Set("min_data_in_bin", 1)
            .Set("min_sum_hessian_in_leaf", 1e-3 * hessianScale)
            .Set("bin_construct_sample_cnt", 200_000)
            .Set("seed", seed, "random_state");
        if (categorical.Length > 0)
            parameters.Set("categorical_feature", string.Join(",", categorical), "categorical_features")
                .Set("max_cat_to_onehot", 1).Set("max_cat_threshold", MaxBins, "max_bins").Set("min_data_per_group", 10).Set("cat_l2", L2Regularization * hessianScale, "l2_regularization");
        BoostingDefaults.Apply(parameters);

        var train = data;
        DataView? validation = null;
        EarlyStopping? stopping = null;
        if (EarlyStopping.Resolve(data.Count))
        {
            var classIndex = IsClassifier ? targets.ClassIndices(data) : null;
            if (ValidationFraction is double fraction) (train, validation) = HoldoutSplit.Split(data, classIndex, fraction, seed);
            stopping = Scoring == "loss"
                ? Boosting.EarlyStopping.ByLoss(NIterNoChange, Tol, loss, classes, quantile, targets.Labels(train), targets.Weights(train),
                    validation is { } v ? targets.Labels(v) : null, validation is { } w ? targets.Weights(w) : null)
                : Boosting.EarlyStopping.ByScorer(NIterNoChange, Tol, Scorers.Get(Scoring ?? (IsClassifier ? "accuracy" : "r2")),
                    HoldoutSplit.Subsample(train, IsClassifier ? targets.ClassIndices(train) : null, ScorerSubsample, seed), validation,
                    core => LiveModel(core, data.FeatureCount, targets), Baseline(data.FeatureCount, targets, train, loss, quantile));
        }
        var result = BoostingTrainer.Train(train, validation, targets, parameters, MaxIter, ThreadCount.Resolve(null), emptyRoundIsFinal: true, stopping);
        var core = BoosterCore.Load(UnseenMissingRoute.Apply(result.ModelText), null, data.FeatureCount, classes > 2 ? classes : 1);
        return new BoostedTrees(core, result.Rounds, stopping?.TrainScores.ToArray() ?? [], stopping?.ValidationScores.ToArray() ?? [], ImportanceType.Split);
    }

    private protected abstract IModel LiveModel(BoosterCore core, int features, BoostingTargets targets);

    private IModel Baseline(int features, BoostingTargets targets, DataView train, BoostingLoss loss, double quantile)
    {
        var constant = BoostingLosses.Baseline(loss, targets.Labels(train), targets.Weights(train), targets.Classes?.Length ?? 0, quantile);
        return IsClassifier ? BaselineModel.Classifier(targets.Classes!, features, constant) : BaselineModel.Regressor(features, constant[0]);
    }

    /// <summary>Resolves categorical_features and checks their values as scikit-learn does (NaN and negatives are missing).</summary>
    private int[] CategoricalColumns(DataView data)
    {
        var columns = CategoricalFeatures.Resolve(data.Source.FeatureNames);
        foreach (int column in columns)
        {
            for (int i = 0; i < data.Count; i++)
            {
                double v = data.Row(i)[column];
                if (double.IsNaN(v) || v < 0) continue;
                if (v != Math.Floor(v) || v >= MaxBins)
                    throw new ArgumentException(
                        $"{TypeName}: categorical feature '{data.Source.FeatureNames[column]}' (column {column}) must hold integers in [0, {MaxBins - 1}] (max_bins - 1), NaN or negatives for missing; row {i} has {ParamConverter.Format(v)}.");
            }
        }
        return columns;
    }
}
