using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning;
using Scalearn.Svm;

namespace Scalearn.Tests.ModelSelection;

public sealed class AdaptiveSearchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scalearn-adaptive-").FullName;
    private const string Space = """{"C":{"loguniform":[0.01,100]},"kernel":["rbf","poly"],"degree":{"randint":[2,5],"when":{"kernel":"poly"}}}""";

    private static TpeSearch Tpe(int parallelism, string? journal = null) => new(new SVC(), SearchSpace.Parse(Space))
    {
        NTrials = 14, Parallelism = parallelism, Seed = 3, Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2), Refit = false, Journal = journal,
    };

    [Fact]
    public void TpeWithOneInFlightIsDeterministicAndRespectsConditions()
    {
        var iris = TestData.Load("iris");
        var a = Tpe(1).Fit(iris).CvResults;
        var b = Tpe(1).Fit(iris).CvResults;
        Assert.Equal(14, a.Count);
        Assert.Equal(a.Params.Select(p => Estimators.RawJson.ToJson(p)), b.Params.Select(p => Estimators.RawJson.ToJson(p)));
        Assert.Equal(a.Numbers("mean_test_score"), b.Numbers("mean_test_score"));
        Assert.All(a.Params, p => Assert.Equal((string)p["kernel"]! == "poly", p.ContainsKey("degree")));
    }

    [Fact]
    public void TpeKeepsSeveralInFlightAndStopsAtTheBudget()
    {
        var result = Tpe(4).Fit(TestData.Load("iris"));
        Assert.Equal(14, result.CvResults.Count);
        Assert.True(result.Completed);
    }

    [Fact]
    public async Task AResumedTpeSearchProposesTheSameTrials()
    {
        var iris = TestData.Load("iris");
        var uninterrupted = Tpe(1).Fit(iris).CvResults;
        using var cts = new CancellationTokenSource();
        var first = Tpe(1, Path.Combine(_dir, "tpe.db"));
        first.Progress = new Stop(12, cts.Cancel);
        await first.FitAsync(iris, cts.Token);
        var resumed = Tpe(1, Path.Combine(_dir, "tpe.db")).Fit(iris).CvResults;
        Assert.Equal(uninterrupted.Params.Select(p => Estimators.RawJson.ToJson(p)), resumed.Params.Select(p => Estimators.RawJson.ToJson(p)));
        Assert.Equal(uninterrupted.Numbers("mean_test_score"), resumed.Numbers("mean_test_score"));
    }

    [Fact]
    public void EarlyStopAndTimeoutEndTheSearch()
    {
        var stopped = new RandomSpaceSearch(new SVC(), SearchSpace.Parse("""{"C":[1.0]}"""))
        {
            NTrials = 50, EarlyStop = 3, Parallelism = 1, Cv = new StratifiedKFold(3), Executor = new LocalExecutor(1), Refit = false,
        }.Fit(TestData.Load("iris"));
        Assert.Equal(4, stopped.CvResults.Count);   // the first sets the best; three without improvement stop it
        var timed = new RandomSpaceSearch(new SVC(), SearchSpace.Parse(Space))
        {
            NTrials = 100_000, Timeout = TimeSpan.FromMilliseconds(300), Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2), Refit = false,
        }.Fit(TestData.Load("iris"));
        Assert.InRange(timed.CvResults.Count, 1, 5000);
    }

    [Fact]
    public void GroupsReachTheSplitter()
    {
        var iris = TestData.Load("iris");
        var groups = Enumerable.Range(0, iris.Count).Select(i => (double)(i % 10)).ToArray();
        var (features, columns) = SplitColumns.Extract(new Scalearn.Data.Dataset(
            new Scalearn.Data.Matrix([.. Enumerable.Range(0, iris.Count).SelectMany(i => iris.X.Row(i).ToArray().Append(groups[i]))], iris.Count, iris.FeatureCount + 1),
            iris.Y, [.. iris.FeatureNames, "g"]), groupColumn: "g");
        var search = new GridSearch(new SVC(), ParamGrid.Parse("""{"C":[1.0]}""")) { Cv = new GroupKFold(5), SplitColumns = columns, Executor = new LocalExecutor(1) };
        search.Fit(features);
        foreach (var split in search.Folds!.Splits)
            Assert.Empty(split.Train.Select(i => groups[i]).Intersect(split.Test.Select(i => groups[i])));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class Stop(int done, Action stop) : IProgress<JobProgress>
    {
        private int _fired;
        public void Report(JobProgress value)
        {
            if (value.Done >= done && Interlocked.Exchange(ref _fired, 1) == 0) stop();
        }
    }
}
