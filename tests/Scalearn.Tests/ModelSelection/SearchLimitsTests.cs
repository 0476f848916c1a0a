using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;

namespace Scalearn.Tests.ModelSelection;

/// <summary>Searches too large to hold are refused up front; large ones are generated as they run and still checked before any fit.</summary>
public sealed class SearchLimitsTests
{
    [Fact]
    public void AGridOfMoreCandidatesThanASearchHoldsIsRefusedBeforeAnyFit()
    {
        var values = Enumerable.Range(1, 1000).Select(i => (object?)(i * 1e-9)).ToArray();
        var grid = new ParamGrid(new Dictionary<string, IReadOnlyList<object?>> { ["var_smoothing"] = values, ["priors"] = [null], ["a"] = values, ["b"] = values });
        var recorder = new RecordingExecutor(new LocalExecutor(1));
        var e = Assert.Throws<ArgumentException>(() => new GridSearch(new GaussianNB(), grid) { Executor = recorder }.Fit(TestData.Load("iris")));
        Assert.Contains("1,000,000,000 candidates", e.Message);
        Assert.Equal(0, recorder.TasksSubmitted);
    }

    [Fact]
    public void AnOverflowingGridIsRefusedToo()
    {
        var values = Enumerable.Range(0, 100_000).Select(i => (object?)(double)i).ToArray();
        var grid = new ParamGrid(Enumerable.Range(0, 5).ToDictionary(i => "p" + i, _ => (IReadOnlyList<object?>)values));
        Assert.Equal(long.MaxValue, grid.Count);
        Assert.Throws<ArgumentException>(() => new GridSearch(new GaussianNB(), grid).Fit(TestData.Load("iris")));
    }

    [Fact]
    public void AHugeRandomBudgetIsRefusedWithTheParameterNamed()
    {
        var search = new RandomizedSearch(new GaussianNB(), ParamDistributions.Parse("""{"var_smoothing":{"loguniform":[1e-12,1]}}"""), 100_000_000);
        var e = Assert.Throws<ParameterException>(() => search.Fit(TestData.Load("iris")));
        Assert.Equal("n_iter", e.Parameter);
    }

    [Fact]
    public void ALargeGridIsCheckedUpFrontWithoutBuildingEveryCandidate()
    {
        var values = Enumerable.Range(1, 50_000).Select(i => (object?)(i * 1e-12)).Append(-1.0).ToArray();
        var grid = new ParamGrid(new Dictionary<string, IReadOnlyList<object?>> { ["var_smoothing"] = values });
        var recorder = new RecordingExecutor(new LocalExecutor(1));
        var e = Assert.Throws<ParameterException>(() => new GridSearch(new GaussianNB(), grid) { Executor = recorder }.Fit(TestData.Load("iris")));
        Assert.Equal("var_smoothing", e.Parameter);
        Assert.Equal(0, recorder.TasksSubmitted);
    }

    [Fact]
    public void AnEmptyGridIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new GridSearch(new GaussianNB(), ParamGrid.Parse("[]")).Fit(TestData.Load("iris")));
        Assert.Contains("no candidate", e.Message);
    }

    [Fact]
    public void AUsersOwnEstimatorIsSearchedOnceRegistered()
    {
        var data = TestData.Load("iris");
        var search = new GridSearch(new Pipelines.CentroidTestClassifier(), ParamGrid.Parse("""{"random_state":[1,2]}""")) { Executor = new LocalExecutor(1) };
        Assert.Contains("EstimatorRegistry.Register<CentroidTestClassifier>", Assert.Throws<ArgumentException>(() => search.Fit(data)).Message);
        EstimatorRegistry.Register<Pipelines.CentroidTestClassifier>();
        Assert.Equal(2, search.Fit(data).CvResults.Count);
    }
}
