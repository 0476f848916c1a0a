using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.NaiveBayes;

// Expected numbers computed once with scikit-learn 1.2.1 GaussianNB on iris.
public class GaussianNBTests
{
    private static readonly int[] Probe = [0, 60, 120];

    [Fact]
    public void FitMatchesScikitLearn()
    {
        var iris = TestData.Load("iris");
        var model = (GaussianNBModel)new GaussianNB().Fit(iris);
        Assert.Equal(3.0955026666666677e-09, model.Epsilon, 1e-20);
        double[] var1 = [0.2611040030955028, 0.09650000309550268, 0.21640000309550278, 0.03832400309550265];
        for (int j = 0; j < 4; j++) Assert.Equal(var1[j], model.Var[1, j], 12);
        var proba = model.PredictProba(iris.Rows(Probe));
        Assert.Equal(0.999999764931773, proba[1, 1], 10);
        Assert.Equal(2.3506822702927002e-07, proba[1, 2], 12);
        Assert.Equal(1.1711689678382954e-08, proba[2, 1], 14);
        Assert.Equal(0.9999999882883103, proba[2, 2], 10);
    }

    [Fact]
    public void PartialFitMatchesScikitLearnChunks()
    {
        var iris = TestData.Load("iris");
        // numpy.random.RandomState(0).permutation(150), fed in chunks of 40 with classes=[0,1,2]
        int[] perm = [114, 62, 33, 107, 7, 100, 40, 86, 76, 71, 134, 51, 73, 54, 63, 37, 78, 90, 45, 16, 121, 66, 24, 8, 126, 22, 44, 97, 93, 26, 137, 84, 27, 127, 132, 59, 18, 83, 61, 92, 112, 2, 141, 43, 10, 60, 116, 144, 119, 108, 69, 135, 56, 80, 123, 133, 106, 146, 50, 147, 85, 30, 101, 94, 64, 89, 91, 125, 48, 13, 111, 95, 20, 15, 52, 3, 149, 98, 6, 68, 109, 96, 12, 102, 120, 104, 128, 46, 11, 110, 124, 41, 148, 1, 113, 139, 42, 4, 129, 17, 38, 5, 53, 143, 105, 0, 34, 28, 55, 75, 35, 23, 74, 31, 118, 57, 131, 65, 32, 138, 14, 122, 19, 29, 130, 49, 136, 99, 82, 79, 115, 145, 72, 77, 25, 81, 140, 142, 39, 58, 88, 70, 87, 36, 21, 9, 103, 67, 117, 47];
        var learner = new GaussianNB().StartIncremental();
        for (int start = 0; start < 150; start += 40)
            learner.PartialFit(iris.Rows(perm[start..Math.Min(150, start + 40)]), [0, 1, 2]);
        Assert.Equal(150, learner.RowsSeen);
        var model = (GaussianNBModel)learner.Snapshot();
        double[] theta2 = [6.588000000000001, 2.974, 5.5520000000000005, 2.026];
        double[] var2 = [0.39625600313601894, 0.10192400313601882, 0.2984960031360192, 0.07392400313601888];
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(theta2[j], model.Theta[2, j], 12);
            Assert.Equal(var2[j], model.Var[2, j], 12);
        }
        Assert.Equal(0.9999997649317695, model.PredictProba(iris.Rows(Probe))[1, 1], 10);
    }

    [Fact]
    public void FirstPartialFitFixesTheClasses()
    {
        var iris = TestData.Load("iris");
        var learner = new GaussianNB().StartIncremental();
        learner.PartialFit(iris.Rows(Enumerable.Range(0, 100).ToArray())); // classes 0 and 1 only
        var e = Assert.Throws<ArgumentException>(() => learner.PartialFit(iris.Rows([140, 141])));
        Assert.Contains("do not exist in the initial classes", e.Message);
    }

    [Fact]
    public void PriorsAreUsedAndValidated()
    {
        var iris = TestData.Load("iris");
        var nb = new GaussianNB();
        nb.SetParam("priors", new object?[] { 0.5, 0.25, 0.25 });
        var proba = ((IClassifierModel)nb.Fit(iris)).PredictProba(iris.Rows([70, 133]));
        Assert.Equal(0.15449408494388256, proba[0, 1], 10);
        Assert.Equal(0.7126451442155293, proba[1, 1], 10);
        Assert.Equal(new object?[] { 0.5, 0.25, 0.25 }, (object?[])nb.Clone().GetParams()["priors"]!);

        var bad = new GaussianNB();
        bad.SetParam("priors", new object?[] { 0.5, 0.6, 0.1 });
        Assert.Contains("sum of the priors", Assert.Throws<ParameterException>(() => bad.Fit(iris)).Message);
        bad.SetParam("priors", new object?[] { 0.5, 0.5 });
        Assert.Contains("Number of priors", Assert.Throws<ParameterException>(() => bad.Fit(iris)).Message);
        Assert.Equal("var_smoothing", Assert.Throws<ParameterException>(() => new GaussianNB().SetParam("var_smoothing", -1.0)).Parameter);
    }

    [Fact]
    public void PayloadRoundTrips()
    {
        var iris = TestData.Load("iris");
        var model = (GaussianNBModel)new GaussianNB().Fit(iris);
        var copy = Assert.IsType<GaussianNBModel>(Scalearn.Persistence.ModelFile.Load(new MemoryStream(Scalearn.Persistence.ModelFile.Serialize(model))).Model);
        Assert.Equal(model.PredictProba(iris).Values, copy.PredictProba(iris).Values);
    }

    [Theory]
    [InlineData("digits", 0.8508)]
    [InlineData("iris", 0.96)]
    [InlineData("breast_cancer", 0.9385)]
    [InlineData("wine", 0.9719)]
    public void CrossValidatedAccuracyMatchesReference(string dataset, double reference)
    {
        var result = CrossValidation.CrossValidate(new GaussianNB(), TestData.Load(dataset), new StratifiedKFold(5, true, 0),
            ["accuracy"], new LocalExecutor(2));
        Assert.InRange(result.MeanTestScore, reference - 0.015, reference + 0.015);
    }
}
