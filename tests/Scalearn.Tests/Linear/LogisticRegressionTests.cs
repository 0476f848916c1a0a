using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Linear;

namespace Scalearn.Tests.Linear;

public class LogisticRegressionTests
{
    [Fact]
    public void BinaryDecisionFunctionHasOneColumnAndMatchesPredictions()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var model = (LinearClassifierModel)new LogisticRegression().Fit(data);
        var decision = model.DecisionFunction(data);
        Assert.Equal(1, decision.Cols);
        var predicted = model.Predict(data);
        for (int i = 0; i < data.Count; i++) Assert.Equal(decision[i, 0] > 0 ? 1.0 : 0.0, predicted[i]);
    }

    [Fact]
    public void MultinomialProbabilitiesSumToOneAndAgreeWithPredict()
    {
        var data = TestData.Load("iris");
        var model = (LinearClassifierModel)new LogisticRegression { MaxIter = 1000 }.Fit(data);
        Assert.Equal(3, model.DecisionFunction(data).Cols);
        var proba = model.PredictProba(data);
        var predicted = model.Predict(data);
        for (int i = 0; i < data.Count; i++)
        {
            var row = proba.Row(i);
            Assert.Equal(1.0, row.ToArray().Sum(), 12);
            Assert.Equal(model.Classes[System.Numerics.Tensors.TensorPrimitives.IndexOfMax<double>(row)], predicted[i]);
        }
        Assert.True(model.Score(data) > 0.95);
    }

    [Fact]
    public void ExplicitBinaryMultinomialMatchesOvrPredictionsAndUsesSoftmax()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var multinomial = (LinearClassifierModel)new LogisticRegression { MultiClass = MultiClass.Multinomial }.Fit(data);
        var proba = multinomial.PredictProba(data);
        var decision = multinomial.DecisionFunction(data);
        for (int i = 0; i < 5; i++) Assert.Equal(1 / (1 + Math.Exp(-2 * decision[i, 0])), proba[i, 1], 12);
        Assert.True(multinomial.Score(data) > 0.97);
    }

    [Fact]
    public void SingleClassIsAClearError()
    {
        var data = new Dataset(Matrix.FromRows([[1.0], [2.0]]), [1.0, 1.0]);
        var error = Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(data));
        Assert.Contains("at least 2 classes", error.Message);

        // A text target's one class is named by its label, not its code (a fit-groups group of one class).
        var labelled = new Dataset(Matrix.FromRows([[1.0], [2.0]]), [1.0, 1.0], classNames: ["no", "yes"]);
        error = Assert.Throws<ArgumentException>(() => new LogisticRegression().Fit(labelled));
        Assert.Contains("only one class: 'yes'", error.Message);
    }

    [Fact]
    public void ClassWeightMapShiftsTheDecisionTowardsTheHeavyClass()
    {
        var data = LinearTestHelpers.StandardizeAll(TestData.Load("breast_cancer"));
        var plain = (LinearClassifierModel)new LogisticRegression { C = 0.01 }.Fit(data);
        var weighted = new LogisticRegression { C = 0.01 };
        weighted.SetParam("class_weight", new Dictionary<string, object?> { ["0"] = 10.0 });
        var model = (LinearClassifierModel)weighted.Fit(data);
        Assert.True(model.Predict(data).Count(p => p == 0) > plain.Predict(data).Count(p => p == 0));
        Assert.Equal(weighted.GetParams()["class_weight"] is IReadOnlyDictionary<string, object?> map ? map["0"] : null, 10.0);
    }

    [Fact]
    public void UnknownClassWeightLabelIsRejected()
    {
        var estimator = new LogisticRegression();
        estimator.SetParam("class_weight", new Dictionary<string, object?> { ["7"] = 2.0 });
        var error = Assert.Throws<ParameterException>(() => estimator.Fit(TestData.Load("iris")));
        Assert.Equal("class_weight", error.Parameter);
    }

    [Fact]
    public void InvalidParametersNameTheParameter()
    {
        Assert.Equal("C", Assert.Throws<ParameterException>(() => new LogisticRegression().SetParam("C", 0.0)).Parameter);
        Assert.Equal("penalty", Assert.Throws<ParameterException>(() => new LogisticRegression().SetParam("penalty", "l3")).Parameter);
        Assert.Equal("solver", Assert.Throws<ParameterException>(() => new LogisticRegression().SetParam("solver", "adam")).Parameter);
        Assert.Equal("class_weight", Assert.Throws<ParameterException>(() => new LogisticRegression().SetParam("class_weight", "heavy")).Parameter);
    }

    [Fact]
    public void CloneKeepsAllParameters()
    {
        var estimator = (LogisticRegression)EstimatorRegistry.Create("logistic_regression");
        estimator.SetParam("class_weight", "balanced");
        estimator.SetParam("multi_class", "ovr");
        estimator.C = 3;
        var clone = estimator.Clone();
        Assert.Equal(EstimatorSpec.Of(estimator), EstimatorSpec.Of(clone));
        Assert.True(EstimatorTraits.IsClassifier(clone));
    }

    [Fact]
    public void ClassifierModelRoundTripsThroughItsPayload()
    {
        var data = TestData.Load("wine");
        var model = (LinearClassifierModel)new LogisticRegression { MaxIter = 50 }.Fit(LinearTestHelpers.StandardizeAll(data));
        using var stream = new MemoryStream();
        model.WritePayload(new BinaryWriter(stream));
        stream.Position = 0;
        var restored = LinearClassifierModel.ReadPayload(new BinaryReader(stream), 1);
        Assert.Equal(model.Classes, restored.Classes);
        Assert.Equal(model.Coef.Values, restored.Coef.Values);
        Assert.Equal(model.PredictProba(data).Values, restored.PredictProba(data).Values);
    }

    [Fact]
    public void NullAndNonePenaltiesAreTheSameUnpenalizedFit()
    {
        var data = TestData.Load("iris");
        var none = new LogisticRegression { MaxIter = 200 };
        none.SetParam("penalty", "none");
        var unset = new LogisticRegression { MaxIter = 200 };
        unset.SetParam("penalty", null);
        Assert.Null(unset.GetParams()["penalty"]);
        var a = (LinearClassifierModel)none.Fit(data);
        var b = (LinearClassifierModel)unset.Fit(data);
        Assert.Equal(a.Coef.Values, b.Coef.Values);
        var penalized = (LinearClassifierModel)new LogisticRegression { MaxIter = 200 }.Fit(data);
        Assert.True(a.Coef.Values.Max(Math.Abs) > penalized.Coef.Values.Max(Math.Abs));
    }
}
