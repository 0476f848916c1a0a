using Scalearn.Data;
using Scalearn.Dummy;
using Scalearn.Estimators;

namespace Scalearn.Tests.Dummy;

public class DummyRegressorTests
{
    private static readonly Dataset Data = new(new Matrix(5, 1), [1, 10, 3, 4, 2]);

    private static double Fitted(DummyRegressor estimator) => ((IPredictor)estimator.Fit(Data)).Predict(Data)[0];

    [Fact]
    public void StrategiesMatchNumpy()
    {
        Assert.Equal(4.0, Fitted(new DummyRegressor()));
        Assert.Equal(3.0, Fitted(new DummyRegressor { Strategy = DummyRegressorStrategy.Median }));
        // np.percentile([1,2,3,4,10], 90) = 7.6
        Assert.Equal(7.6, Fitted(new DummyRegressor { Strategy = DummyRegressorStrategy.Quantile, Quantile = 0.9 }), 12);
        Assert.Equal(-2.0, Fitted(new DummyRegressor { Strategy = DummyRegressorStrategy.Constant, Constant = -2 }));
    }

    [Fact]
    public void MissingOrBadParametersAreErrors()
    {
        Assert.Equal("quantile", Assert.Throws<ParameterException>(() => new DummyRegressor { Strategy = DummyRegressorStrategy.Quantile }.Fit(Data)).Parameter);
        Assert.Equal("constant", Assert.Throws<ParameterException>(() => new DummyRegressor { Strategy = DummyRegressorStrategy.Constant }.Fit(Data)).Parameter);
        Assert.Equal("quantile", Assert.Throws<ParameterException>(() => new DummyRegressor().SetParam("quantile", 1.5)).Parameter);
    }

    [Fact]
    public void PayloadRoundTrips()
    {
        var model = (DummyRegressorModel)new DummyRegressor().Fit(Data);
        var copy = Assert.IsType<DummyRegressorModel>(Scalearn.Persistence.ModelFile.Load(new MemoryStream(Scalearn.Persistence.ModelFile.Serialize(model))).Model);
        Assert.Equal(model.Constant, copy.Constant);
        Assert.Equal(model.FeatureCount, copy.FeatureCount);
    }
}
