using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.ModelSelection;
using Scalearn.Persistence;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Linear;

/// <summary>The linear models inside the library's own pipeline, cross-validation and model-file container.</summary>
public class LinearIntegrationTests
{
    [Theory]
    [InlineData("iris", 0.9600)]
    [InlineData("wine", 0.9832)]
    public void ScaledLogisticRegressionPipelineMatchesReference(string dataset, double reference)
    {
        // Our fold assignment differs from scikit-learn's, and on 150 rows one shuffle can move the mean by 2 points
        // (seed 0 gives 0.94 on iris, seeds 1-7 give 0.953-0.96), so average three shuffles.
        double mean = Enumerable.Range(0, 3).Average(seed =>
            CrossValidation.CrossValidate(Pipeline.Make(new StandardScaler(), new LogisticRegression { MaxIter = 1000 }),
                TestData.Load(dataset), new StratifiedKFold(5, shuffle: true, randomState: seed)).MeanTestScore);
        Assert.True(Math.Abs(mean - reference) <= 0.015, $"{dataset}: {mean:F4} vs {reference:F4}");
    }

    [Fact]
    public void ScaledRidgePipelineMatchesReferenceR2()
    {
        var pipeline = Pipeline.Make(new StandardScaler(), new Ridge());
        var result = CrossValidation.CrossValidate(pipeline, TestData.Load("diabetes"), new KFold(5, shuffle: true, randomState: 0));
        Assert.True(Math.Abs(result.MeanTestScore - 0.4896) <= 0.02, $"R2 {result.MeanTestScore:F4}");
    }

    [Fact]
    public void LinearModelsSurviveTheModelFileContainer()
    {
        var iris = TestData.Load("iris");
        var sgd = new SGDClassifier { RandomState = 0, Loss = SgdLoss.LogLoss };
        var classifier = (LinearClassifierModel)sgd.Fit(iris);
        var loaded = ModelFile.Load(new MemoryStream(ModelFile.Serialize(classifier, EstimatorSpec.Of(sgd))));
        var restored = Assert.IsType<LinearClassifierModel>(loaded.Model);
        Assert.Equal(classifier.PredictProba(iris).Values, restored.PredictProba(iris).Values);

        var diabetes = TestData.Load("diabetes");
        var regressor = (LinearRegressorModel)new Lasso { Alpha = 0.1 }.Fit(diabetes);
        var restoredRegressor = Assert.IsType<LinearRegressorModel>(ModelFile.Load(new MemoryStream(ModelFile.Serialize(regressor))).Model);
        Assert.Equal(regressor.Predict(diabetes), restoredRegressor.Predict(diabetes));
    }
}
