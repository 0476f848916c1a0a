using Scalearn.Ensemble;
using Scalearn.Estimators;
using Scalearn.Trees;

namespace Scalearn.Tests.Trees;

public class TreeParameterTests
{
    [Fact]
    public void DefaultsFollowScikitLearn121()
    {
        var tree = new DecisionTreeClassifier().GetParams();
        Assert.Equal("gini", tree["criterion"]);
        Assert.Equal("best", tree["splitter"]);
        Assert.Equal(2L, tree["min_samples_split"]);
        Assert.Equal(1L, tree["min_samples_leaf"]);
        Assert.Null(tree["max_features"]);
        Assert.Null(tree["max_depth"]);
        var forest = new RandomForestClassifier().GetParams();
        Assert.Equal(100L, forest["n_estimators"]);
        Assert.Equal("sqrt", forest["max_features"]);
        Assert.Equal(true, forest["bootstrap"]);
        Assert.Null(forest["n_jobs"]);
        Assert.Equal(1.0, new RandomForestRegressor().GetParams()["max_features"]);
        Assert.Equal("squared_error", new DecisionTreeRegressor().GetParams()["criterion"]);
    }

    [Theory]
    [InlineData("max_depth", 0L, "max_depth")]
    [InlineData("min_samples_split", 1L, "min_samples_split")]
    [InlineData("min_samples_split", 1.5, "min_samples_split")]
    [InlineData("min_samples_leaf", 0L, "min_samples_leaf")]
    [InlineData("min_samples_leaf", 1.0, "min_samples_leaf")]
    [InlineData("max_features", "cube", "'sqrt', 'log2'")]
    [InlineData("max_features", 0L, "max_features")]
    [InlineData("criterion", "mse", "'gini', 'entropy', 'log_loss'")]
    [InlineData("splitter", "worst", "'best', 'random'")]
    [InlineData("min_weight_fraction_leaf", 0.6, "min_weight_fraction_leaf")]
    [InlineData("max_leaf_nodes", 1L, "max_leaf_nodes")]
    [InlineData("class_weight", "even", "'balanced'")]
    public void InvalidTreeParametersNameTheParameterAndAllowedValues(string name, object value, string expected)
    {
        var e = Assert.Throws<ParameterException>(() => new DecisionTreeClassifier().SetParam(name, value));
        Assert.Equal(name, e.Parameter);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void InvalidForestParametersAreRejected()
    {
        Assert.Equal("n_estimators", Assert.Throws<ParameterException>(() => new RandomForestClassifier().SetParam("n_estimators", 0L)).Parameter);
        Assert.Equal("n_jobs", Assert.Throws<ParameterException>(() => new RandomForestClassifier().SetParam("n_jobs", 0L)).Parameter);
        Assert.Equal("max_samples", Assert.Throws<ParameterException>(() => new RandomForestRegressor().SetParam("max_samples", 1.5)).Parameter);
        var noBootstrap = new RandomForestClassifier { Bootstrap = false, MaxSamples = 0.5 };
        Assert.Equal("max_samples", Assert.Throws<ParameterException>(() => noBootstrap.Fit(TestData.Load("iris"))).Parameter);
        var tooMany = new RandomForestClassifier { MaxFeatures = MaxFeatures.Of(5) };
        Assert.Contains("n_features=4", Assert.Throws<ParameterException>(() => tooMany.Fit(TestData.Load("iris"))).Message);
    }

    [Fact]
    public void ParametersRoundTripThroughRawValuesAndRegistry()
    {
        var forest = (RandomForestClassifier)EstimatorRegistry.Create("random-forest-classifier");
        forest.SetParam("max_features", 3L);
        forest.SetParam("min_samples_split", 0.25);
        forest.SetParam("criterion", "log_loss");
        forest.SetParam("max_samples", 100L);
        var clone = (RandomForestClassifier)forest.Clone();
        Assert.Equal(3, clone.MaxFeatures.Count);
        Assert.Equal(0.25, clone.MinSamplesSplit.Fraction);
        Assert.Equal(ClassificationCriterion.LogLoss, clone.Criterion);
        Assert.Equal(100, clone.MaxSamples!.Count);
        Assert.IsType<DecisionTreeRegressor>(EstimatorRegistry.Create("DecisionTreeRegressor"));
        Assert.True(EstimatorTraits.IsClassifier(new DecisionTreeClassifier()));
        Assert.False(EstimatorTraits.IsClassifier(new RandomForestRegressor()));
    }
}
