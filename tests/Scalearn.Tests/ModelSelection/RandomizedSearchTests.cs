using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

public class RandomizedSearchTests
{
    private static RandomizedSearch Search(string distributions, int nIter, int seed) =>
        new(new GaussianNB(), ParamDistributions.Parse(distributions), nIter) { Seed = seed, Executor = new LocalExecutor(2), Cv = new StratifiedKFold(3) };

    [Fact]
    public void SameSeedSameCandidatesAndScores()
    {
        var iris = TestData.Load("iris");
        const string Dist = """{"var_smoothing":{"loguniform":[1e-12,1.0]}}""";
        var a = Search(Dist, 6, 5).Fit(iris).CvResults;
        var b = Search(Dist, 6, 5).Fit(iris).CvResults;
        var c = Search(Dist, 6, 6).Fit(iris).CvResults;
        Assert.Equal(6, a.Count);
        Assert.Equal(a.Column("param_var_smoothing"), b.Column("param_var_smoothing"));
        Assert.Equal(a.Numbers("mean_test_score"), b.Numbers("mean_test_score"));
        Assert.NotEqual(a.Column("param_var_smoothing"), c.Column("param_var_smoothing"));
        Assert.All(a.Column("param_var_smoothing"), v => Assert.InRange((double)v!, 1e-12, 1.0));
    }

    [Fact]
    public void ListOnlyDistributionsAreCappedAtTheGridSize()
    {
        var search = new RandomizedSearch(new DummyClassifier(), ParamDistributions.Parse("""{"strategy":["prior","most_frequent","uniform"]}"""), nIter: 10)
        {
            Executor = new LocalExecutor(1),
        };
        var result = search.Fit(TestData.Load("iris"));
        Assert.Equal(3, result.CvResults.Count);
        Assert.Equal(3, result.CvResults.Column("param_strategy").Distinct().Count());
    }

    [Fact]
    public void BadSampledValueFailsUpFront()
    {
        var search = Search("""{"var_smoothing":{"uniform":[-2,-1]}}""", 3, 0);
        Assert.Equal("var_smoothing", Assert.Throws<ParameterException>(() => search.Fit(TestData.Load("iris"))).Parameter);
        Assert.Equal("n_iter", Assert.Throws<ParameterException>(() => new RandomizedSearch(new GaussianNB(), ParamDistributions.Parse("{}"), 0)).Parameter);
    }
}
