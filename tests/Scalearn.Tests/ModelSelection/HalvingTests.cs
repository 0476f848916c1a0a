using System.Text.Json;
using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Halving;
using Scalearn.Neighbors;
using Scalearn.Trees;

namespace Scalearn.Tests.ModelSelection;

/// <summary>Successive halving against scikit-learn 1.2.1's HalvingGridSearchCV (Fixtures/Search/halving.py).</summary>
public sealed class HalvingTests
{
    private static readonly JsonDocument Fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Search", "halving.json")));

    public static TheoryData<int> ScheduleCases => new(Enumerable.Range(0, Fixture.RootElement.GetProperty("schedules").GetArrayLength()));

    [Theory]
    [MemberData(nameof(ScheduleCases))]
    public void RungsAndResourcesEqualScikitLearns(int index)
    {
        var c = Fixture.RootElement.GetProperty("schedules")[index];
        var grid = new ParamGrid(new Dictionary<string, IReadOnlyList<object?>>
        {
            ["constant"] = Enumerable.Range(0, c.GetProperty("candidates").GetInt32()).Select(i => (object?)(long)i).ToArray(),
        });
        var search = new HalvingGridSearch(new DummyClassifier(), grid)
        {
            Factor = c.GetProperty("factor").GetInt32(), Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2), Refit = false,
            AggressiveElimination = c.GetProperty("aggressive").GetBoolean(),
            MinResources = Amount(c.GetProperty("min_resources")), MaxResources = Amount(c.GetProperty("max_resources")),
        };
        var result = search.Fit(TestData.Load(c.GetProperty("data").GetString()!));

        Assert.Equal(c.GetProperty("n_resources").EnumerateArray().Select(e => e.GetInt64()), search.ResourcesPerIteration);
        Assert.Equal(c.GetProperty("n_candidates").EnumerateArray().Select(e => e.GetInt32()), search.CandidatesPerIteration);
        Assert.Equal(search.CandidatesPerIteration.Sum(), result.CvResults.Count);
        Assert.Equal(search.ResourcesPerIteration.Distinct(), result.CvResults.Column("n_resources").Select(v => (long)v!).Distinct());
    }

    private static readonly JsonDocument Sweep = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Search", "halving_sweep.json")));

    public static TheoryData<int> SweepCases => new(Enumerable.Range(0, Sweep.RootElement.GetProperty("cases").GetArrayLength()));

    /// <summary>Generated settings (Fixtures/Search/halving_sweep.py): the same rungs as scikit-learn, or an error where it fails.</summary>
    [Theory]
    [MemberData(nameof(SweepCases))]
    public void GeneratedSettingsGiveScikitLearnsRungsOrFailLikeIt(int index)
    {
        var c = Sweep.RootElement.GetProperty("cases")[index];
        int n = c.GetProperty("candidates").GetInt32();
        bool regressor = c.GetProperty("regressor").GetBoolean();
        var grid = new ParamGrid(new Dictionary<string, IReadOnlyList<object?>>
        {
            ["constant"] = Enumerable.Range(0, n).Select(i => regressor ? (object?)(double)i : (long)i).ToArray(),
        });
        IEstimator estimator = regressor ? new DummyRegressor { Strategy = DummyRegressorStrategy.Constant } : new DummyClassifier();
        var search = new HalvingGridSearch(estimator, grid)
        {
            Factor = c.GetProperty("factor").GetInt32(), Cv = regressor ? new KFold(3) : new StratifiedKFold(3), Executor = new LocalExecutor(2),
            Refit = false, AggressiveElimination = c.GetProperty("aggressive").GetBoolean(),
            MinResources = Amount(c.GetProperty("min_resources")), MaxResources = Amount(c.GetProperty("max_resources")),
        };
        var data = TestData.Load(c.GetProperty("data").GetString()!);

        if (c.TryGetProperty("error", out var error))
        {
            var e = Assert.ThrowsAny<Exception>(() => search.Fit(data));
            Assert.False(e is NullReferenceException or IndexOutOfRangeException or InvalidOperationException, $"scikit-learn: {error}; ours: {e}");
            return;
        }
        var result = search.Fit(data);
        Assert.Equal(c.GetProperty("n_resources").EnumerateArray().Select(e => e.GetInt64()), search.ResourcesPerIteration);
        Assert.Equal(c.GetProperty("n_candidates").EnumerateArray().Select(e => e.GetInt32()), search.CandidatesPerIteration);
        Assert.Equal(search.CandidatesPerIteration.Sum(), result.CvResults.Count);
    }

    public static TheoryData<int> RandomSweepCases => new(Enumerable.Range(0, Sweep.RootElement.GetProperty("random").GetArrayLength()));

    /// <summary>HalvingRandomSearch with scikit-learn's defaults (min_resources smallest, n_candidates exhaust) and others: the same schedule.</summary>
    [Theory]
    [MemberData(nameof(RandomSweepCases))]
    public void RandomHalvingGivesScikitLearnsSchedule(int index)
    {
        var c = Sweep.RootElement.GetProperty("random")[index];
        bool regressor = c.GetProperty("regressor").GetBoolean();
        var space = ParamDistributions.Parse(regressor ? """{"strategy":["mean","median"]}""" : """{"strategy":["prior","most_frequent"]}""");
        var search = new HalvingRandomSearch(regressor ? new DummyRegressor() : new DummyClassifier(), space)
        {
            Factor = c.GetProperty("factor").GetInt32(), NCandidates = Amount(c.GetProperty("n_candidates")),
            Cv = regressor ? new KFold(3) : new StratifiedKFold(3), Executor = new LocalExecutor(2), Refit = false,
        };
        if (c.GetProperty("min_resources").ValueKind != JsonValueKind.Null) search.MinResources = Amount(c.GetProperty("min_resources"));

        var result = search.Fit(TestData.Load(c.GetProperty("data").GetString()!));

        Assert.Equal(c.GetProperty("n_resources").EnumerateArray().Select(e => e.GetInt64()), search.ResourcesPerIteration);
        Assert.Equal(c.GetProperty("n_candidates_").EnumerateArray().Select(e => e.GetInt32()), search.CandidatesPerIteration);
        Assert.Equal(search.CandidatesPerIteration.Sum(), result.CvResults.Count);
    }

    [Fact]
    public void AParameterResourceGivesScikitLearnsCvResults()
    {
        var expected = Fixture.RootElement.GetProperty("knn_resource");
        var search = new HalvingGridSearch(new KNeighborsClassifier(), ParamGrid.Parse("""{"weights":["uniform","distance"],"p":[2,3,4]}"""))
        {
            Resource = "n_neighbors", MaxResources = 27, Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2),
        };
        var result = search.Fit(TestData.Load("iris"));
        var cv = result.CvResults;

        Assert.Equal(expected.GetProperty("iter").EnumerateArray().Select(e => e.GetInt64()), cv.Column("iter").Select(v => (long)v!));
        Assert.Equal(expected.GetProperty("n_resources").EnumerateArray().Select(e => e.GetInt64()), cv.Column("n_resources").Select(v => (long)v!));
        var expectedParams = expected.GetProperty("params").EnumerateArray()
            .Select(p => string.Join(",", p.EnumerateObject().OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => $"{x.Name}={x.Value}"))).ToArray();
        var actualParams = cv.Params.Select(p => string.Join(",", p.Select(kv => $"{kv.Key}={kv.Value}"))).ToArray();
        Assert.Equal(expectedParams, actualParams);
        var means = cv.Numbers("mean_test_score");
        var expectedMeans = expected.GetProperty("mean_test_score").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.True(means.Zip(expectedMeans).All(p => Math.Abs(p.First - p.Second) < 1e-12), string.Join(" ", means.Zip(expectedMeans, actualParams)));
        Assert.Equal(expected.GetProperty("rank_test_score").EnumerateArray().Select(e => (double)e.GetInt32()), cv.Numbers("rank_test_score"));
        Assert.Equal(expected.GetProperty("best_index").GetInt32(), result.BestIndex);
        Assert.Equal(27L, result.BestParams["n_neighbors"]);
    }

    [Fact]
    public void EveryCandidateOfARungSeesTheSameSubsampleAndRungsNest()
    {
        var recorder = new FoldRecorder();
        var search = new HalvingGridSearch(new DecisionTreeClassifier { RandomState = 0 }, ParamGrid.Parse("""{"max_depth":[1,2,3,4,5,6,7,8,9]}"""))
        {
            Cv = new StratifiedKFold(3), Executor = recorder, Seed = 3, Refit = false,
        };
        search.Fit(TestData.Load("digits"));
        var byIter = recorder.Folds.GroupBy(f => f.Iter).OrderBy(g => g.Key).Select(g => g.Select(f => f.Folds).Distinct().ToArray()).ToArray();
        Assert.True(byIter.Length >= 2);
        Assert.All(byIter, folds => Assert.Single(folds));
        for (int i = 1; i < byIter.Length; i++)
            Assert.Subset(recorder.Rows(byIter[i][0], 0).ToHashSet(), recorder.Rows(byIter[i - 1][0], 0).ToHashSet());
    }

    [Fact]
    public void BadSettingsAreRefusedNamingTheParameter()
    {
        var data = TestData.Load("iris");
        HalvingGridSearch Search() => new(new KNeighborsClassifier(), ParamGrid.Parse("""{"n_neighbors":[1,3]}""")) { Executor = new LocalExecutor(1) };
        Assert.Equal("resource", Assert.Throws<ParameterException>(() => { var s = Search(); s.Resource = "n_neighbors"; s.MaxResources = 9; s.Fit(data); }).Parameter);
        Assert.Equal("resource", Assert.Throws<ParameterException>(() => { var s = Search(); s.Resource = "nope"; s.Fit(data); }).Parameter);
        Assert.Equal("max_resources", Assert.Throws<ParameterException>(() => { var s = Search(); s.Resource = "leaf_size"; s.Fit(data); }).Parameter);
        Assert.Equal("min_resources", Assert.Throws<ParameterException>(() => { var s = Search(); s.MinResources = "most"; s.Fit(data); }).Parameter);
        Assert.Equal("min_resources", Assert.Throws<ParameterException>(() => { var s = Search(); s.MinResources = 1000; s.Fit(data); }).Parameter);
        Assert.Throws<ParameterException>(() => Search().Factor = 1);
        var random = new HalvingRandomSearch(new KNeighborsClassifier(), ParamDistributions.Parse("""{"n_neighbors":{"randint":[1,9]}}""")) { Executor = new LocalExecutor(1) };
        Assert.Equal("smallest", random.MinResources.ToString());   // scikit-learn's default, so both defaults together run
        random.MinResources = "exhaust";
        Assert.Equal("n_candidates", Assert.Throws<ParameterException>(() => random.Fit(data)).Parameter);
    }

    [Fact]
    public void RandomHalvingExhaustsTheResourcesAndIsDeterministic()
    {
        HalvingRandomSearch Search(int jobs) => new(new DecisionTreeClassifier(), ParamDistributions.Parse("""{"max_depth":{"randint":[1,20]},"min_samples_leaf":{"randint":[1,10]}}"""))
        {
            MinResources = "smallest", Cv = new StratifiedKFold(3), Executor = new LocalExecutor(jobs), Seed = 5,
        };
        var one = Search(1).Fit(TestData.Load("digits"));
        var two = Search(2).Fit(TestData.Load("digits"));
        Assert.Equal(one.CvResults.Numbers("mean_test_score"), two.CvResults.Numbers("mean_test_score"));
        Assert.Equal(1797 / 60, one.CvResults.Column("iter").Count(v => (long)v! == 0));
    }

    private static HalvingAmount Amount(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetInt64() : e.GetString()!;

    /// <summary>Records the folds each rung ran on.</summary>
    private sealed class FoldRecorder : ITaskExecutor
    {
        private readonly LocalExecutor _inner = new(2);
        private readonly Dictionary<string, Folds> _shared = new();
        public List<(long Iter, string Folds)> Folds { get; } = [];
        public int Slots => _inner.Slots;

        public int[] Rows(string folds, int split) => _shared[folds][split].Train;

        public IJob<TTask, TResult> Start<TTask, TResult>(TaskKind<TTask, TResult> kind, IEnumerable<Scalearn.Execution.Blobs.IBlob>? inputs = null, JobOptions? options = null)
            where TTask : notnull where TResult : notnull
        {
            var list = inputs?.ToList() ?? [];
            foreach (var b in list.OfType<FoldsBlob>()) _shared[b.Id] = b.Folds;
            return new Recording<TTask, TResult>(this, _inner.Start(kind, list, options));
        }

        private sealed class Recording<TTask, TResult>(FoldRecorder owner, IJob<TTask, TResult> job) : IJob<TTask, TResult>
        {
            public JobProgress Progress => job.Progress;
            public void Share(Scalearn.Execution.Blobs.IBlob blob)
            {
                if (blob is FoldsBlob f) owner._shared[f.Id] = f.Folds;
                job.Share(blob);
            }
            public void Submit(TTask task)
            {
                if (task is FitTask fit && fit.Split == 0) lock (owner.Folds) owner.Folds.Add((owner._shared[fit.FoldsId][0].Train.Length, fit.FoldsId));
                job.Submit(task);
            }
            public void Cancel(TaskKey key) => job.Cancel(key);
            public void Complete() => job.Complete();
            public IAsyncEnumerable<TaskOutcome<TTask, TResult>> Results(CancellationToken cancellationToken = default) => job.Results(cancellationToken);
            public ValueTask DisposeAsync() => job.DisposeAsync();
        }
    }
}
