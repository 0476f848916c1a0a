using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Svm;
using Scalearn.Trees;

namespace Scalearn.Tests.Ensemble;

/// <summary>warm_start, verbose, ccp_alpha, criteria and class weights of the forests, with their failure paths.</summary>
public class ForestParameterTests
{
    [Fact]
    public void WarmStartAddsTreesThatMatchAColdFit()
    {
        var data = TestData.Load("wine");
        var forest = new RandomForestClassifier { NEstimators = 5, RandomState = 7, WarmStart = true, OobScore = true };
        var first = (RandomForestClassifierModel)forest.Fit(data);
        forest.NEstimators = 12;
        var grown = (RandomForestClassifierModel)forest.Fit(data);
        var cold = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 12, RandomState = 7, OobScore = true }.Fit(data);

        Assert.Equal(5, first.Trees.Count);
        Assert.Equal(12, grown.Trees.Count);
        for (int t = 0; t < 5; t++) Assert.Same(first.Trees[t], grown.Trees[t]);
        Assert.Equal(cold.PredictProba(data).Values, grown.PredictProba(data).Values);
        Assert.Equal(cold.OobScore, grown.OobScore);
    }

    [Fact]
    public void WarmStartRegressorAndItsLimits()
    {
        var data = TestData.Load("diabetes");
        var forest = new RandomForestRegressor { NEstimators = 4, RandomState = 1, WarmStart = true, MaxDepth = 4 };
        forest.Fit(data);
        forest.NEstimators = 3;
        var e = Assert.Throws<ParameterException>(() => forest.Fit(data));
        Assert.Contains("n_estimators", e.Message);
        forest.NEstimators = 6;
        var model = (RandomForestRegressorModel)forest.Fit(data);
        var cold = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 6, RandomState = 1, MaxDepth = 4 }.Fit(data);
        Assert.Equal(cold.Predict(data), model.Predict(data));

        var clone = (RandomForestRegressor)forest.Clone();
        Assert.Equal(6, ((RandomForestRegressorModel)clone.Fit(data)).Trees.Count);
        Assert.Throws<ArgumentException>(() => forest.Fit(TestData.Load("wine")));
    }

    [Fact]
    public void WithoutWarmStartEveryFitStartsOver()
    {
        var data = TestData.Load("iris");
        var forest = new RandomForestClassifier { NEstimators = 3, RandomState = 0 };
        forest.Fit(data);
        forest.NEstimators = 4;
        Assert.Equal(4, ((RandomForestClassifierModel)forest.Fit(data)).Trees.Count);
    }

    [Fact]
    public void VerboseReportsProgressOnStandardError()
    {
        var previous = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            new RandomForestClassifier { NEstimators = 3, RandomState = 0, Verbose = 2 }.Fit(TestData.Load("iris"));
            new SVR { Verbose = true }.Fit(TestData.Load("diabetes"));
        }
        finally { Console.SetError(previous); }
        string text = captured.ToString();
        Assert.Contains("building tree 3 of 3", text);
        Assert.Contains("built 3 trees", text);
        Assert.Contains("optimization finished, #iter =", text);
    }

    [Fact]
    public void ForestCriteriaAndPruningLearn()
    {
        var data = TestData.Load("diabetes");
        var counts = new Dataset(data.X, data.RequireTarget().Select(v => Math.Round(v / 25.0)).ToArray(), data.FeatureNames);
        foreach (var criterion in Enum.GetValues<RegressionCriterion>())
        {
            var target = criterion == RegressionCriterion.Poisson ? counts : data;
            var model = (IPredictor)new RandomForestRegressor { NEstimators = 10, RandomState = 0, Criterion = criterion, MinSamplesLeaf = 3 }.Fit(target);
            Assert.True(model.Score(target) > 0.6, $"{criterion}: {model.Score(target)}");
        }
        var full = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 5, RandomState = 0 }.Fit(data);
        var pruned = (RandomForestRegressorModel)new RandomForestRegressor { NEstimators = 5, RandomState = 0, CcpAlpha = 100 }.Fit(data);
        Assert.True(pruned.Trees.Sum(t => t.NodeCount) * 5 < full.Trees.Sum(t => t.NodeCount));
    }

    [Fact]
    public void ClassWeightMapsAndBalancedSubsample()
    {
        var data = TestData.Load("breast_cancer");
        var plain = (IClassifierModel)new RandomForestClassifier { NEstimators = 10, RandomState = 0, MaxDepth = 2 }.Fit(data);
        var heavy = new RandomForestClassifier { NEstimators = 10, RandomState = 0, MaxDepth = 2 };
        heavy.SetParam("class_weight", new Dictionary<string, object?> { ["0"] = 20.0 });
        var weighted = (IClassifierModel)heavy.Fit(data);
        // A heavy class 0 pulls predictions towards it.
        Assert.True(weighted.Predict(data).Count(p => p == 0) > plain.Predict(data).Count(p => p == 0));
        Assert.Equal(new Dictionary<string, object?> { ["0"] = 20.0 }, (IReadOnlyDictionary<string, object?>)heavy.GetParams()["class_weight"]!);
        var subsample = (IPredictor)new RandomForestClassifier { NEstimators = 10, RandomState = 0, ClassWeight = "balanced_subsample" }.Fit(data);
        Assert.True(subsample.Score(data) > 0.95);
    }

    [Fact]
    public void BadParametersAreRefusedWithTheirNames()
    {
        Assert.Equal("ccp_alpha", Assert.Throws<ParameterException>(() => new RandomForestClassifier { CcpAlpha = -1 }).Parameter);
        Assert.Equal("ccp_alpha", Assert.Throws<ParameterException>(() => new DecisionTreeRegressor { CcpAlpha = -0.5 }).Parameter);
        Assert.Equal("verbose", Assert.Throws<ParameterException>(() => new RandomForestRegressor { Verbose = -1 }).Parameter);
        Assert.Equal("class_weight", Assert.Throws<ParameterException>(() => new DecisionTreeClassifier { ClassWeight = "balanced_subsample" }).Parameter);
        Assert.Equal("class_weight", Assert.Throws<ParameterException>(() => new SVC { ClassWeight = "balanced_subsample" }).Parameter);
        Assert.Equal("class_weight", Assert.Throws<ParameterException>(() => new RandomForestClassifier().SetParam("class_weight", "heavy")).Parameter);
        var missing = new RandomForestClassifier { NEstimators = 2 };
        missing.SetParam("class_weight", new Dictionary<string, object?> { ["5"] = 2.0 });
        Assert.Contains("class 5", Assert.Throws<ParameterException>(() => missing.Fit(TestData.Load("iris"))).Message);
        Assert.Equal("criterion", Assert.Throws<ParameterException>(() => new RandomForestRegressor().SetParam("criterion", "gini")).Parameter);
    }

    [Fact]
    public void PoissonNeedsNonNegativeTargets()
    {
        var data = TestData.Load("diabetes");
        var shifted = new Dataset(data.X, data.RequireTarget().Select(v => v - 100).ToArray(), data.FeatureNames);
        var e = Assert.Throws<ArgumentException>(() => new DecisionTreeRegressor { Criterion = RegressionCriterion.Poisson }.Fit(shifted));
        Assert.Contains("poisson", e.Message);
        var zeros = new Dataset(data.X, new double[data.Count], data.FeatureNames);
        Assert.Throws<ArgumentException>(() => new RandomForestRegressor { Criterion = RegressionCriterion.Poisson }.Fit(zeros));
    }

    [Fact]
    public void CancelledFitStopsBetweenTrees()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        using var scope = FitInterruption.Enter(source.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => new RandomForestClassifier { NEstimators = 50, NJobs = 2 }.Fit(TestData.Load("digits")));
    }
}
