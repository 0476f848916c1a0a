using Scalearn.Estimators;
using Scalearn.Linear;
using Scalearn.ModelSelection;
using Scalearn.Neighbors;
using Scalearn.Pipelines;
using Scalearn.Preprocessing;

namespace Scalearn.Tests.Pipelines;

/// <summary>5-fold stratified CV accuracy of scaled pipelines against scikit-learn 1.2.1 (reference.md), within 1.5 points.</summary>
public class PipelineQualityTests
{
    [Theory]
    [InlineData("iris", 0.9533)]
    [InlineData("wine", 0.9608)]
    [InlineData("breast_cancer", 0.9649)]
    public void Standard_scaler_plus_kneighbors(string dataset, double reference) =>
        AssertCvAccuracy(Pipeline.Make(new StandardScaler(), new KNeighborsClassifier()), dataset, reference);

    [Theory]
    [InlineData("wine", 0.9832)]
    [InlineData("breast_cancer", 0.9789)]
    public void Standard_scaler_plus_logistic_regression(string dataset, double reference)
    {
        var pipe = Pipeline.Make(new StandardScaler(), new LogisticRegression());
        pipe.SetParam("logisticregression__max_iter", 1000);
        AssertCvAccuracy(pipe, dataset, reference);
    }

    private static void AssertCvAccuracy(IEstimator pipeline, string dataset, double reference)
    {
        Assert.True(EstimatorTraits.IsClassifier(pipeline));
        var result = CrossValidation.CrossValidate(pipeline, TestData.Load(dataset), new StratifiedKFold(5, shuffle: true, randomState: 0));
        Assert.All(result.Errors, Assert.Null);
        Assert.InRange(result.MeanTestScore, reference - 0.015, reference + 0.015);
    }
}
