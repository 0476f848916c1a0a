using Scalearn.Boosting;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Linear;
using Scalearn.Persistence;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Boosting;

[Collection(LightGbmCollection.Name)]
public class BoostingEstimatorTests
{
    /// <summary>Two informative columns out of <paramref name="features"/>, labels relabelled to <paramref name="labels"/>.</summary>
    internal static Dataset Synthetic(int rows, int features = 5, double[]? labels = null, int seed = 0, double noise = 0.5)
    {
        labels ??= [0, 1];
        var rng = new Scalearn.Numerics.Rng(seed);
        var x = new Matrix(rows, features);
        var y = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < features; j++) x[i, j] = rng.NextGaussian();
            double score = x[i, 0] + 0.5 * x[i, 1] + noise * rng.NextGaussian();
            int k = (int)Math.Clamp(Math.Floor((score + 1.5) / 3 * labels.Length), 0, labels.Length - 1);
            y[i] = labels[k];
        }
        return new Dataset(x, y);
    }

    [Fact]
    public void RegistryKnowsAllFourByNameAndKebabAlias()
    {
        Assert.IsType<LGBMClassifier>(EstimatorRegistry.Create("LGBMClassifier"));
        Assert.IsType<LGBMRegressor>(EstimatorRegistry.Create("lgbm-regressor"));
        Assert.IsType<HistGradientBoostingClassifier>(EstimatorRegistry.Create("hist-gradient-boosting-classifier"));
        Assert.IsType<HistGradientBoostingRegressor>(EstimatorRegistry.Create("HistGradientBoostingRegressor"));
        Assert.True(EstimatorTraits.IsClassifier(new LGBMClassifier()));
        Assert.False(EstimatorTraits.IsClassifier(new HistGradientBoostingRegressor()));
    }

    [Fact]
    public void LgbmParametersHaveLightGbmNamesAndDefaults()
    {
        var p = new LGBMClassifier().GetParams();
        Assert.Equal("gbdt", p["boosting_type"]);
        Assert.Equal(31L, p["num_leaves"]);
        Assert.Equal(-1L, p["max_depth"]);
        Assert.Equal(0.1, p["learning_rate"]);
        Assert.Equal(100L, p["n_estimators"]);
        Assert.Equal(200000L, p["subsample_for_bin"]);
        Assert.Null(p["objective"]);
        Assert.Null(p["class_weight"]);
        Assert.Equal(0.0, p["min_split_gain"]);
        Assert.Equal(1e-3, p["min_child_weight"]);
        Assert.Equal(20L, p["min_child_samples"]);
        Assert.Equal(1.0, p["subsample"]);
        Assert.Equal(0L, p["subsample_freq"]);
        Assert.Equal(1.0, p["colsample_bytree"]);
        Assert.Equal(0.0, p["reg_alpha"]);
        Assert.Equal(0.0, p["reg_lambda"]);
        Assert.Null(p["random_state"]);
        Assert.Null(p["n_jobs"]);
        Assert.Equal("split", p["importance_type"]);
        Assert.DoesNotContain("class_weight", new LGBMRegressor().GetParams().Keys);
    }

    [Fact]
    public void HistGradientBoostingParametersHaveScikitLearnNamesAndDefaults()
    {
        var p = new HistGradientBoostingClassifier().GetParams();
        Assert.Equal("log_loss", p["loss"]);
        Assert.Equal(0.1, p["learning_rate"]);
        Assert.Equal(100L, p["max_iter"]);
        Assert.Equal(31L, p["max_leaf_nodes"]);
        Assert.Null(p["max_depth"]);
        Assert.Equal(20L, p["min_samples_leaf"]);
        Assert.Equal(0.0, p["l2_regularization"]);
        Assert.Equal(255L, p["max_bins"]);
        Assert.Null(p["categorical_features"]);
        Assert.Equal("auto", p["early_stopping"]);
        Assert.Equal("loss", p["scoring"]);
        Assert.Equal(0.1, p["validation_fraction"]);
        Assert.Equal(10L, p["n_iter_no_change"]);
        Assert.Equal(1e-7, p["tol"]);
        Assert.Null(p["random_state"]);
        Assert.Null(p["class_weight"]);
        var r = new HistGradientBoostingRegressor().GetParams();
        Assert.Equal("squared_error", r["loss"]);
        Assert.Null(r["quantile"]);
    }

    [Fact]
    public void CloneKeepsEveryParameter()
    {
        var estimator = new HistGradientBoostingClassifier
        {
            MaxLeafNodes = null, EarlyStopping = true, Scoring = "accuracy", ValidationFraction = 50, RandomState = 3,
            CategoricalFeatures = CategoricalFeatures.Indices(2, 0), ClassWeight = ClassWeight.Balanced,
        };
        Assert.Equal(estimator.GetParams(), estimator.Clone().GetParams());
        var lgbm = new LGBMClassifier { BoostingType = BoostingType.Dart, ImportanceType = ImportanceType.Gain, NJobs = -1, Objective = "multiclassova" };
        Assert.Equal(lgbm.GetParams(), lgbm.Clone().GetParams());
    }

    [Theory]
    [InlineData("num_leaves", 1L)]
    [InlineData("learning_rate", 0.0)]
    [InlineData("subsample", 1.5)]
    [InlineData("colsample_bytree", 0.0)]
    [InlineData("objective", "multiclass_softmax_please")]
    [InlineData("boosting_type", "xgboost")]
    [InlineData("importance_type", "cover")]
    [InlineData("n_estimators", 0L)]
    public void LgbmRejectsBadParameterValuesNamingThem(string name, object value)
    {
        var e = Assert.Throws<ParameterException>(() => new LGBMClassifier().SetParam(name, value));
        Assert.Equal(name, e.Parameter);
    }

    [Theory]
    [InlineData("max_bins", 256L)]
    [InlineData("max_leaf_nodes", 1L)]
    [InlineData("early_stopping", "sometimes")]
    [InlineData("scoring", "no_such_scorer")]
    [InlineData("loss", "hinge")]
    [InlineData("validation_fraction", 1.5)]
    [InlineData("warm_start", true)]
    [InlineData("categorical_features", "all")]
    public void HistGradientBoostingRejectsBadParameterValuesNamingThem(string name, object value)
    {
        var e = Assert.Throws<ParameterException>(() => new HistGradientBoostingClassifier().SetParam(name, value));
        Assert.Equal(name, e.Parameter);
    }

    [Fact]
    public void FitTimeParameterConflictsNameTheParameter()
    {
        var three = Synthetic(150, labels: [0, 1, 2]);
        Assert.Equal("objective", Assert.Throws<ParameterException>(() => new LGBMClassifier { Objective = "binary" }.Fit(three)).Parameter);
        Assert.Equal("boosting_type", Assert.Throws<ParameterException>(() => new LGBMClassifier { BoostingType = BoostingType.Rf }.Fit(three)).Parameter);
        Assert.Equal("quantile", Assert.Throws<ParameterException>(() => new HistGradientBoostingRegressor { Loss = "quantile" }.Fit(three)).Parameter);
        Assert.Equal("categorical_features", Assert.Throws<ParameterException>(() =>
            new HistGradientBoostingClassifier { CategoricalFeatures = CategoricalFeatures.Indices(7) }.Fit(three)).Parameter);
    }

    [Fact]
    public void BadTargetsAreRefusedWithTheRow()
    {
        var data = Synthetic(100);
        var y = (double[])data.Y!.Clone();
        y[17] = double.NaN;
        var withNaN = new Dataset(data.X, y);
        Assert.Contains("row 17", Assert.Throws<ArgumentException>(() => new LGBMClassifier().Fit(withNaN)).Message);
        Assert.Contains("row 17", Assert.Throws<ArgumentException>(() => new HistGradientBoostingRegressor().Fit(withNaN)).Message);
        var oneClass = new Dataset(data.X, new double[100]);
        Assert.Contains("two classes", Assert.Throws<ArgumentException>(() => new HistGradientBoostingClassifier().Fit(oneClass)).Message);
        var negative = new Dataset(data.X, data.Y!.Select(v => v - 0.5).ToArray());
        Assert.Contains("poisson", Assert.Throws<ArgumentException>(() => new HistGradientBoostingRegressor { Loss = "poisson" }.Fit(negative)).Message);
    }

    [Fact]
    public void WrongFeatureCountAtPredictIsRefused()
    {
        var model = (IClassifierModel)new LGBMClassifier { NEstimators = 5 }.Fit(Synthetic(100));
        var narrow = new Matrix(3, 4);
        Assert.Contains("5 features", Assert.Throws<ArgumentException>(() => model.Predict(narrow)).Message);
        Assert.Throws<ArgumentException>(() => model.PredictProba(narrow));
    }

    [Fact]
    public void ClassifiersKeepOriginalLabelsAndProbabilitiesSumToOne()
    {
        var binary = Synthetic(400, labels: [3, 7]);
        var multi = Synthetic(600, labels: [-1, 4, 9.5]);
        foreach (var (estimator, data) in new (IEstimator, Dataset)[]
                 {
                     (new LGBMClassifier { NEstimators = 30 }, binary), (new LGBMClassifier { NEstimators = 30 }, multi),
                     (new HistGradientBoostingClassifier { MaxIter = 30 }, binary), (new HistGradientBoostingClassifier { MaxIter = 30 }, multi),
                 })
        {
            var model = (BoostingClassifierModel)estimator.Fit(data);
            Assert.Equal(data.Y!.Distinct().Order().ToArray(), model.Classes);
            var proba = model.PredictProba(data);
            for (int i = 0; i < data.Count; i++) Assert.Equal(1.0, proba.Row(i).ToArray().Sum(), 9);
            Assert.All(model.Predict(data), p => Assert.Contains(p, model.Classes));
            Assert.True(model.Score(data) > 0.8, $"{estimator.TypeName} on {model.Classes.Length} classes: {model.Score(data)}");
            Assert.Equal(model.Classes.Length == 2 ? 1 : model.Classes.Length, model.DecisionFunction(data).Cols);
        }
    }

    [Fact]
    public void MissingValuesInFeaturesAreLearnedNotRefused()
    {
        var data = Synthetic(500);
        var x = new Matrix((double[])data.X.Values.Clone(), data.Count, data.FeatureCount);
        for (int i = 0; i < data.Count; i += 3) x[i, 0] = double.NaN;
        var withNaN = new Dataset(x, data.Y);
        foreach (var estimator in new IEstimator[] { new LGBMClassifier { NEstimators = 30 }, new HistGradientBoostingClassifier { MaxIter = 30 } })
        {
            var model = (IClassifierModel)estimator.Fit(withNaN);
            Assert.All(model.PredictProba(withNaN).Values, v => Assert.True(double.IsFinite(v)));
            Assert.True(model.Score(withNaN) > 0.75);
        }
    }

    [Fact]
    public void SavedModelsPredictBitForBitLikeTheFittedOnes()
    {
        var multi = Synthetic(300, labels: [0, 1, 2]);
        var binary = Synthetic(300);
        var regression = TestData.Load("diabetes");
        foreach (var (estimator, data) in new (IEstimator, Dataset)[]
                 {
                     (new LGBMClassifier { RandomState = 1, Subsample = 0.8, SubsampleFreq = 1, NEstimators = 30 }, multi),
                     (new HistGradientBoostingClassifier { RandomState = 2, MaxIter = 30 }, binary),
                     (new LGBMRegressor { ImportanceType = ImportanceType.Gain, NEstimators = 30 }, regression),
                     (new HistGradientBoostingRegressor { Loss = "poisson", MaxIter = 30 }, regression),
                 })
        {
            var model = estimator.Fit(data);
            var bytes = ModelFile.Serialize((IPersistableModel)model, EstimatorSpec.Of(estimator));
            var loaded = ModelFile.Load(new MemoryStream(bytes));
            Assert.Equal(model.GetType(), loaded.Model.GetType());
            Assert.Equal(estimator.TypeName, loaded.Spec!.Type);
            Assert.Equal(((IPredictor)model).Predict(data), ((IPredictor)loaded.Model).Predict(data));
            if (model is BoostingClassifierModel c)
            {
                var l = (BoostingClassifierModel)loaded.Model;
                Assert.Equal(c.PredictProba(data).Values, l.PredictProba(data).Values);
                Assert.Equal(c.FeatureImportances, l.FeatureImportances);
                Assert.Equal(c.NIter, l.NIter);
            }
            else
            {
                var r = (BoostingRegressorModel)model;
                Assert.Equal(r.FeatureImportances, ((BoostingRegressorModel)loaded.Model).FeatureImportances);
                if (estimator is LGBMRegressor) Assert.Equal(r.GainImportances, r.FeatureImportances);
            }
        }
    }

    [Fact]
    public void CorruptLightGbmTextInAModelFileIsAModelFileError()
    {
        var model = (BoostingRegressorModel)new LGBMRegressor { NEstimators = 3 }.Fit(TestData.Load("diabetes"));
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true)) model.WritePayload(w);
        var text = System.Text.Encoding.UTF8.GetBytes("split_feature=");
        var bytes = payload.ToArray();
        int at = bytes.AsSpan().IndexOf(text);
        Assert.True(at > 0);
        bytes[at + 5] = (byte)'X';
        var e = Assert.ThrowsAny<Exception>(() => BoostingRegressorModel.ReadPayload(new BinaryReader(new MemoryStream(bytes)), 1));
        Assert.True(e is InvalidDataException or Scalearn.Boosting.Native.LightGbmException, e.ToString());
    }

    [Fact]
    public void FeatureImportancesCountSplitsOrSumGains()
    {
        var data = Synthetic(500);
        var split = (BoostingClassifierModel)new LGBMClassifier { NEstimators = 10, NumLeaves = 4 }.Fit(data);
        Assert.Equal(split.SplitImportances, split.FeatureImportances);
        Assert.Equal(10 * 3, split.SplitImportances.Sum());
        Assert.Equal(0, Array.IndexOf(split.GainImportances, split.GainImportances.Max()));
        var gain = (BoostingClassifierModel)new LGBMClassifier { NEstimators = 10, NumLeaves = 4, ImportanceType = ImportanceType.Gain }.Fit(data);
        Assert.Equal(gain.GainImportances, gain.FeatureImportances);
        Assert.All(gain.FeatureImportances, v => Assert.True(v >= 0));
    }

    [Fact]
    public void SameSeedGivesTheSameTreesWhateverTheThreadCount()
    {
        var data = Synthetic(3000, features: 8, labels: [0, 1, 2]);
        string Trees(int? jobs, int? seed) =>
            ((BoostingClassifierModel)new LGBMClassifier { NJobs = jobs, RandomState = seed, NEstimators = 30, Subsample = 0.7, SubsampleFreq = 1, ColsampleBytree = 0.6 }
                .Fit(data)).ModelText.Split("\nparameters:")[0];
        string one = Trees(1, 5);
        Assert.Equal(one, Trees(2, 5));
        Assert.Equal(one, Trees(-1, 5));
        Assert.NotEqual(one, Trees(1, 6));
    }

    [Fact]
    public void EarlyStoppingOnAValidationFractionReportsNIterAndScores()
    {
        var data = Synthetic(12_000, features: 3, noise: 1.5);
        var auto = (BoostingClassifierModel)new HistGradientBoostingClassifier { MaxIter = 300, RandomState = 0, LearningRate = 0.3 }.Fit(data);
        Assert.InRange(auto.NIter, 11, 299);
        Assert.Equal(auto.NIter + 1, auto.ValidationScore.Length);
        Assert.Equal(auto.NIter + 1, auto.TrainScore.Length);
        var v = auto.ValidationScore;
        int n = 10;
        Assert.DoesNotContain(v[^n..], s => s > v[^(n + 1)] + 1e-7);
        Assert.True(v[^1] > v[0], "the validation loss improved on the baseline");
        Assert.Equal(-Math.Log(2), v[0], 2);

        var off = (BoostingClassifierModel)new HistGradientBoostingClassifier { MaxIter = 30, EarlyStopping = false }.Fit(data);
        Assert.Equal(30, off.NIter);
        Assert.Empty(off.ValidationScore);

        var scorer = (BoostingRegressorModel)new HistGradientBoostingRegressor
        {
            MaxIter = 200, EarlyStopping = true, Scoring = "r2", ValidationFraction = null, NIterNoChange = 3, Tol = 1e-3, RandomState = 0,
        }.Fit(Synthetic(800));
        Assert.InRange(scorer.NIter, 4, 199);
        Assert.Empty(scorer.ValidationScore);
        Assert.Equal(scorer.NIter + 1, scorer.TrainScore.Length);
        Assert.True(scorer.TrainScore[0] <= 1e-9, "the baseline's r2 on its own training data is 0");
    }

    [Fact]
    public void CategoricalFeaturesAreSplitOnAsCategories()
    {
        var rng = new Scalearn.Numerics.Rng(1);
        var x = new Matrix(2000, 2);
        var y = new double[2000];
        for (int i = 0; i < 2000; i++)
        {
            int category = rng.NextInt(12);
            x[i, 0] = category;
            x[i, 1] = rng.NextGaussian();
            y[i] = category is 1 or 4 or 7 or 10 ? 1 : 0;
        }
        var data = new Dataset(x, y, ["color", "noise"]);
        var model = new HistGradientBoostingClassifier { CategoricalFeatures = CategoricalFeatures.Names("color"), MaxIter = 5, MaxLeafNodes = 2, LearningRate = 1 }.Fit(data);
        Assert.Equal(1.0, ((IPredictor)model).Score(data));
        x[5, 0] = 2.5;
        Assert.Contains("integers", Assert.Throws<ArgumentException>(() =>
            new HistGradientBoostingClassifier { CategoricalFeatures = CategoricalFeatures.Mask(true, false) }.Fit(data)).Message);
    }

    [Fact]
    public void ClassWeightsShiftTheDecision()
    {
        var data = Synthetic(1000, noise: 2);
        double Positives(ClassWeight weight) =>
            ((IPredictor)new LGBMClassifier { ClassWeight = weight, NEstimators = 20 }.Fit(data)).Predict(data).Count(p => p == 1);
        Assert.True(Positives(ClassWeight.Of(new Dictionary<double, double> { [1] = 5 })) > Positives(ClassWeight.Uniform) + 50);
    }

    [Fact]
    public void AnInterruptedFitStopsBetweenRounds()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var scope = FitInterruption.Enter(cancelled.Token);
        Assert.Throws<OperationCanceledException>(() => new HistGradientBoostingClassifier().Fit(Synthetic(200)));
    }

    [Fact]
    public void WorksAsAPipelineStep()
    {
        var data = TestData.Load("breast_cancer");
        var model = (IPredictor)Pipeline.Make(new StandardScaler(), new LGBMClassifier { NEstimators = 20 }).Fit(data);
        Assert.True(model.Score(data) > 0.95);
    }
}
