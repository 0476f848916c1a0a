using Scalearn.Data;
using Scalearn.Dummy;
using Scalearn.Estimators;

namespace Scalearn.Tests.Dummy;

public class DummyClassifierTests
{
    private static readonly Dataset Data = new(new Matrix(6, 2), [3, 1, 3, 3, 2, 1]);

    [Fact]
    public void DefaultsMatchScikitLearn()
    {
        var p = new DummyClassifier().GetParams();
        Assert.Equal("prior", p["strategy"]);
        Assert.Null(p["constant"]);
        Assert.Null(p["random_state"]);
        Assert.True(EstimatorTraits.IsClassifier(new DummyClassifier()));
        Assert.IsType<DummyClassifier>(EstimatorRegistry.Create("dummy-classifier"));
    }

    [Fact]
    public void PriorAndMostFrequent()
    {
        var prior = (IClassifierModel)new DummyClassifier().Fit(Data);
        Assert.Equal([1.0, 2.0, 3.0], prior.Classes);
        Assert.Equal([2 / 6.0, 1 / 6.0, 3 / 6.0], prior.PredictProba(Data).Row(0).ToArray());
        Assert.All(prior.Predict(Data), v => Assert.Equal(3.0, v));
        var frequent = (IClassifierModel)new DummyClassifier { Strategy = DummyClassifierStrategy.MostFrequent }.Fit(Data);
        Assert.Equal([0.0, 0.0, 1.0], frequent.PredictProba(Data).Row(4).ToArray());
    }

    [Fact]
    public void ConstantMustBeATrainingLabel()
    {
        var model = (IClassifierModel)new DummyClassifier { Strategy = DummyClassifierStrategy.Constant, Constant = 2 }.Fit(Data);
        Assert.All(model.Predict(Data), v => Assert.Equal(2.0, v));
        var e = Assert.Throws<ParameterException>(() => new DummyClassifier { Strategy = DummyClassifierStrategy.Constant, Constant = 7 }.Fit(Data));
        Assert.Contains("Possible values are: 1, 2, 3", e.Message);
        Assert.Equal("constant", Assert.Throws<ParameterException>(() => new DummyClassifier { Strategy = DummyClassifierStrategy.Constant }.Fit(Data)).Parameter);
    }

    [Fact]
    public void RandomStrategiesAreReproducibleWithASeed()
    {
        var big = new Dataset(new Matrix(600, 1), Enumerable.Range(0, 600).Select(i => (double)(i % 3 == 0 ? 1 : 0)).ToArray());
        var stratified = (IClassifierModel)new DummyClassifier { Strategy = DummyClassifierStrategy.Stratified, RandomState = 1 }.Fit(big);
        var predicted = stratified.Predict(big);
        Assert.Equal(predicted, stratified.Predict(big));
        Assert.InRange(predicted.Count(v => v == 1), 150, 250);
        var uniform = (IClassifierModel)new DummyClassifier { Strategy = DummyClassifierStrategy.Uniform, RandomState = 1 }.Fit(big);
        Assert.InRange(uniform.Predict(big).Count(v => v == 1), 240, 360);
        Assert.Equal([0.5, 0.5], uniform.PredictProba(big).Row(0).ToArray());
    }

    [Fact]
    public void BadStrategyNamesTheAllowedValues()
    {
        var e = Assert.Throws<ParameterException>(() => new DummyClassifier().SetParam("strategy", "mode"));
        Assert.Contains("most_frequent", e.Message);
    }

    [Fact]
    public void PayloadRoundTrips()
    {
        var model = (DummyClassifierModel)new DummyClassifier { Strategy = DummyClassifierStrategy.Stratified, RandomState = 4 }.Fit(Data);
        var copy = RoundTrip(model);
        Assert.Equal(model.PredictProba(Data).Values, copy.PredictProba(Data).Values);
        Assert.Equal(model.Classes, copy.Classes);
    }

    private static DummyClassifierModel RoundTrip(DummyClassifierModel model)
    {
        var bytes = Scalearn.Persistence.ModelFile.Serialize(model, Scalearn.Estimators.EstimatorSpec.Of(new DummyClassifier()));
        var loaded = Scalearn.Persistence.ModelFile.Load(new MemoryStream(bytes));
        Assert.Equal("dummy-classifier", loaded.Format);
        return Assert.IsType<DummyClassifierModel>(loaded.Model);
    }
}
