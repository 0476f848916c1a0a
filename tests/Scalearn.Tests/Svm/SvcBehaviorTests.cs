using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Numerics;
using Scalearn.Persistence;
using Scalearn.Svm;

namespace Scalearn.Tests.Svm;

public class SvcBehaviorTests
{
    private static Dataset Iris => SvmTestData.Standardize(TestData.Load("iris"));

    [Fact]
    public void HardMarginOnSeparablePointsHasUnitMargins()
    {
        var x = Matrix.FromRows([[-2.0, 0.5], [-1.0, 0.0], [-3.0, -1.0], [1.0, 0.0], [2.0, 1.0], [3.0, -0.5]]);
        var data = new Dataset(x, [0, 0, 0, 1, 1, 1]);
        var model = (SvcModel)new SVC { Kernel = SvmKernel.Linear, C = 1000 }.Fit(data);

        Assert.Equal([1, 1], model.NSupport);
        Assert.Equal([1, 3], model.Support);
        var decision = model.DecisionFunction(data);
        // w = (1, 0), b = 0: the decision value is the first coordinate.
        for (int i = 0; i < data.Count; i++) Assert.Equal(x[i, 0], decision[i, 0], 2);
        Assert.Equal(data.Y, model.Predict(data));
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("poly")]
    [InlineData("rbf")]
    [InlineData("sigmoid")]
    public void EveryKernelLearnsIris(string kernel)
    {
        var svc = new SVC();
        svc.SetParam("kernel", kernel);
        var model = (SvcModel)svc.Fit(Iris);
        Assert.True(model.Score(Iris) > 0.85, $"{kernel}: training accuracy {model.Score(Iris)}");
        Assert.Equal(150, model.DecisionFunction(Iris).Rows);
    }

    [Fact]
    public void GammaModesResolveLikeScikitLearn()
    {
        var raw = TestData.Load("iris");
        double mean = raw.X.Values.Average();
        double variance = raw.X.Values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.Equal(1 / (4 * variance), ((SvcModel)new SVC().Fit(raw)).Gamma, 12);
        Assert.Equal(0.25, ((SvcModel)new SVC { Gamma = SvmGamma.Auto }.Fit(raw)).Gamma);
        var fixedGamma = new SVC();
        fixedGamma.SetParam("gamma", 0.7);
        Assert.Equal(0.7, ((SvcModel)fixedGamma.Fit(raw)).Gamma);
    }

    [Fact]
    public void ClassWeightShiftsPredictionsTowardsTheWeightedClass()
    {
        var rng = new Rng(3);
        var rows = new List<double[]>();
        var y = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            bool minority = i < 20;
            rows.Add([rng.NextGaussian() + (minority ? 1.0 : 0.0), rng.NextGaussian()]);
            y.Add(minority ? 1 : 0);
        }
        var data = new Dataset(Matrix.FromRows(rows), y.ToArray());
        int Positives(SVC svc) => ((IPredictor)svc.Fit(data)).Predict(data).Count(v => v == 1);

        var plain = new SVC { Kernel = SvmKernel.Linear };
        var balanced = new SVC { Kernel = SvmKernel.Linear, ClassWeight = ClassWeightOption.Balanced };
        var heavy = new SVC { Kernel = SvmKernel.Linear };
        heavy.SetParam("class_weight", new Dictionary<string, object?> { ["1"] = 20.0 });
        int none = Positives(plain);
        Assert.True(Positives(balanced) > none + 10, $"balanced {Positives(balanced)} vs none {none}");
        Assert.True(Positives(heavy) > none + 10, $"weighted {Positives(heavy)} vs none {none}");
    }

    [Fact]
    public void ClassWeightNamingAnUnknownClassIsRejected()
    {
        var svc = new SVC();
        svc.SetParam("class_weight", new Dictionary<string, object?> { ["7"] = 2.0 });
        var e = Assert.Throws<ParameterException>(() => svc.Fit(Iris));
        Assert.Equal("class_weight", e.Parameter);
        Assert.Contains("7", e.Message);
    }

    [Theory]
    [InlineData("kernel", "cubic", "'rbf'")]
    [InlineData("C", 0.0, "> 0")]
    [InlineData("gamma", "fast", "'scale'")]
    [InlineData("gamma", -1.0, "'auto'")]
    [InlineData("decision_function_shape", "ovx", "'ovr'")]
    [InlineData("class_weight", "heavy", "'balanced'")]
    [InlineData("degree", -1L, ">= 0")]
    [InlineData("tol", 0.0, "> 0")]
    [InlineData("cache_size", -5.0, "> 0")]
    [InlineData("max_iter", -2L, ">= -1")]
    public void BadParametersNameTheParameterAndAllowedValues(string name, object value, string allowed)
    {
        var e = Assert.Throws<ParameterException>(() => new SVC().SetParam(name, value));
        Assert.Equal(name, e.Parameter);
        Assert.Contains(allowed, e.Message);
    }

    [Fact]
    public void BreakTiesWithOvoIsRejectedAtFit()
    {
        var svc = new SVC { BreakTies = true, DecisionFunctionShape = DecisionFunctionShape.Ovo };
        Assert.Equal("break_ties", Assert.Throws<ParameterException>(() => svc.Fit(Iris)).Parameter);
    }

    [Fact]
    public void ParametersUseScikitLearnNamesAndDefaults()
    {
        var p = new SVC().GetParams();
        Assert.Equal(1.0, p["C"]);
        Assert.Equal("rbf", p["kernel"]);
        Assert.Equal(3L, p["degree"]);
        Assert.Equal("scale", p["gamma"]);
        Assert.Equal(0.0, p["coef0"]);
        Assert.Equal(true, p["shrinking"]);
        Assert.Equal(false, p["probability"]);
        Assert.Equal(1e-3, p["tol"]);
        Assert.Equal(200.0, p["cache_size"]);
        Assert.Null(p["class_weight"]);
        Assert.Equal(-1L, p["max_iter"]);
        Assert.Equal("ovr", p["decision_function_shape"]);
        Assert.Equal(false, p["break_ties"]);
        Assert.Null(p["random_state"]);

        var svc = (SVC)EstimatorRegistry.Create("svc");
        svc.SetParam("C", 2.5);
        svc.SetParam("class_weight", new Dictionary<string, object?> { ["1"] = 3.0 });
        var clone = (SVC)svc.Clone();
        Assert.Equal(2.5, clone.C);
        Assert.Equal(svc.ClassWeight, clone.ClassWeight);
        Assert.Equal(EstimatorSpec.Of(svc), EstimatorSpec.Of(clone));
    }

    [Fact]
    public void SingleClassTargetIsAClearError()
    {
        var data = new Dataset(Matrix.FromRows([[0.0], [1.0], [2.0]]), [4, 4, 4]);
        var e = Assert.Throws<ArgumentException>(() => new SVC().Fit(data));
        Assert.Contains("at least 2 classes", e.Message);
    }

    [Fact]
    public void FeatureCountMismatchIsRejected()
    {
        var model = (SvcModel)new SVC().Fit(Iris);
        var narrow = new Dataset(new Matrix(2, 3));
        Assert.Contains("features", Assert.Throws<ArgumentException>(() => model.Predict(narrow)).Message);
        Assert.Throws<ArgumentException>(() => model.DecisionFunction(narrow));
    }

    [Fact]
    public void NaNIsRejectedInFitAndPredict()
    {
        var x = Matrix.FromRows([[0.0, 1.0], [1.0, double.NaN], [2.0, 0.0], [3.0, 1.0]]);
        var data = new Dataset(x, [0, 0, 1, 1]);
        var e = Assert.Throws<ArgumentException>(() => new SVC().Fit(data));
        Assert.Contains("NaN", e.Message);
        Assert.Contains("row 1", e.Message);

        var model = (SvcModel)new SVC().Fit(new Dataset(Matrix.FromRows([[0.0, 1.0], [1.0, 1.0], [2.0, 0.0], [3.0, 1.0]]), [0, 0, 1, 1]));
        Assert.Throws<ArgumentException>(() => model.Predict(new Dataset(Matrix.FromRows([[double.NaN, 0.0]]))));
    }

    [Fact]
    public void ProbabilitiesAreDistributionsThatAgreeWithTheDecision()
    {
        var model = (SvcModel)new SVC { Probability = true, RandomState = 0 }.Fit(Iris);
        var proba = model.PredictProba(Iris);
        var predicted = model.Predict(Iris);
        int agree = 0;
        for (int i = 0; i < proba.Rows; i++)
        {
            var row = proba.Row(i).ToArray();
            Assert.Equal(1.0, row.Sum(), 9);
            Assert.All(row, p => Assert.InRange(p, 0, 1));
            if (model.Classes[Array.IndexOf(row, row.Max())] == predicted[i]) agree++;
        }
        Assert.True(agree >= 145, $"argmax probability agrees with predict on {agree} of 150 rows");

        var cancer = SvmTestData.Standardize(TestData.Load("breast_cancer"));
        var binary = (SvcModel)new SVC { Probability = true, RandomState = 1 }.Fit(cancer);
        var binaryProba = binary.PredictProba(cancer);
        var decision = binary.DecisionFunction(cancer);
        for (int i = 0; i < binaryProba.Rows; i++)
        {
            Assert.Equal(1.0, binaryProba[i, 0] + binaryProba[i, 1], 12);
            if (Math.Abs(decision[i, 0]) > 1) Assert.Equal(decision[i, 0] > 0, binaryProba[i, 1] > 0.5);
        }
    }

    [Fact]
    public void ProbabilityNeedsProbabilityTrue()
    {
        var model = (SvcModel)new SVC().Fit(Iris);
        Assert.False(model.HasProbability);
        Assert.Contains("probability=true", Assert.Throws<InvalidOperationException>(() => model.PredictProba(Iris)).Message);
    }

    [Fact]
    public void SeededFitsAreIdenticalAndSeedsMatter()
    {
        var wine = SvmTestData.Standardize(TestData.Load("wine"));
        var a = (SvcModel)new SVC { Probability = true, RandomState = 5 }.Fit(wine);
        var b = (SvcModel)new SVC { Probability = true, RandomState = 5 }.Fit(wine);
        var c = (SvcModel)new SVC { Probability = true, RandomState = 6 }.Fit(wine);
        Assert.Equal(a.ProbA, b.ProbA);
        Assert.Equal(a.ProbB, b.ProbB);
        Assert.Equal(a.PredictProba(wine).Values, b.PredictProba(wine).Values);
        Assert.NotEqual(a.ProbA, c.ProbA);
    }

    [Fact]
    public void BreakTiesPredictsTheOvrArgmax()
    {
        var model = (SvcModel)new SVC { BreakTies = true }.Fit(Iris);
        var decision = model.DecisionFunction(Iris);
        var predicted = model.Predict(Iris);
        for (int i = 0; i < decision.Rows; i++)
        {
            var row = decision.Row(i).ToArray();
            Assert.Equal(model.Classes[Array.IndexOf(row, row.Max())], predicted[i]);
        }
    }

    [Fact]
    public void OvoDecisionHasOneColumnPerPair()
    {
        var model = (SvcModel)new SVC { DecisionFunctionShape = DecisionFunctionShape.Ovo }.Fit(Iris);
        Assert.Equal(3, model.DecisionFunction(Iris).Cols);
        Assert.Equal(3, model.Intercept.Length);
        Assert.Equal(2, model.DualCoef.Rows);
        Assert.Equal(model.NSupport.Sum(), model.SupportVectors.Rows);
    }

    [Fact]
    public void IterationLimitStillYieldsAModel()
    {
        var model = (SvcModel)new SVC { MaxIter = 5 }.Fit(Iris);
        Assert.Equal(150, model.Predict(Iris).Length);
    }

    [Fact]
    public void TinyCacheGivesTheSameModel()
    {
        // 0.05 MB holds neither wine's Gram matrix nor all of its Q columns: kernel rows are recomputed on demand.
        var wine = SvmTestData.Standardize(TestData.Load("wine"));
        var big = (SvcModel)new SVC { Probability = true, RandomState = 0 }.Fit(wine);
        var tiny = (SvcModel)new SVC { Probability = true, RandomState = 0, CacheSize = 0.05 }.Fit(wine);
        Assert.Equal(big.NSupport, tiny.NSupport);
        var a = big.DecisionFunction(wine).Values;
        var b = tiny.DecisionFunction(wine).Values;
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 6);
        var pa = big.PredictProba(wine).Values;
        var pb = tiny.PredictProba(wine).Values;
        for (int i = 0; i < pa.Length; i++) Assert.Equal(pa[i], pb[i], 6);
    }

    [Fact]
    public void PayloadRoundTripPreservesPredictions()
    {
        var model = (SvcModel)new SVC { Probability = true, RandomState = 0, Kernel = SvmKernel.Poly }.Fit(Iris);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) model.WritePayload(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var restored = SvcModel.ReadPayload(reader, 1);

        Assert.Equal(model.Classes, restored.Classes);
        Assert.Equal(model.NSupport, restored.NSupport);
        Assert.Equal(model.Support, restored.Support);
        Assert.Equal(model.DecisionFunction(Iris).Values, restored.DecisionFunction(Iris).Values);
        Assert.Equal(model.PredictProba(Iris).Values, restored.PredictProba(Iris).Values);
        Assert.Equal(model.Predict(Iris), restored.Predict(Iris));

        var loaded = ModelFile.Load(new MemoryStream(ModelFile.Serialize(model)));
        Assert.Equal(model.Predict(Iris), ((SvcModel)loaded.Model).Predict(Iris));
    }
}
