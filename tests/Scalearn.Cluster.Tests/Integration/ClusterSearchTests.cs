using Scalearn.Data;
using Scalearn.Execution.Blobs;
using Scalearn.Dummy;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.ModelSelection;
using Scalearn.NaiveBayes;
using Scalearn.Tests;
using Scalearn.Trees;

namespace Scalearn.Cluster.Tests.Integration;

/// <summary>Searches on real `scalearn worker` processes give exactly the local executor's scores.</summary>
public sealed class ClusterSearchTests
{
    private const string TreeGrid = """{"max_depth":[2,3,4,6,8,null],"criterion":["gini","entropy"],"min_samples_split":[2,5]}""";

    [BrokerFact(Timeout = 90_000)]
    public async Task GridSearchOnTwoWorkersMatchesLocalBitForBit()
    {
        string broker = Broker.ForCluster("grid");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "grid");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = TestData.Load("digits");
        var progress = new List<JobProgress>();

        var local = await Search(new GaussianNB(), """{"var_smoothing":[1e-9,1e-6,1e-3,1e-1]}""", new LocalExecutor(2)).FitAsync(data);
        var search = Search(new GaussianNB(), """{"var_smoothing":[1e-9,1e-6,1e-3,1e-1]}""", executor);
        search.Progress = new SyncProgress<JobProgress>(progress.Add);
        var remote = await search.FitAsync(data);

        AssertSameScores(local.CvResults, remote.CvResults, workers.Output);
        Assert.Equal(local.BestParams, remote.BestParams);
        Assert.Contains(progress, p => p.Workers == 2);
        Assert.Equal(progress.Max(p => p.Total), progress.Last().Done);
        // Data shipped once per worker: each fetched the dataset blob exactly once; the folds, small, came inside the task
        // messages (each carried them at most once) and were never fetched.
        var statistics = executor.Statistics;
        var blobBytes = statistics.BlobBytesByWorker;
        var folds = new FoldsBlob(search.Folds!);
        Assert.InRange(folds.Length, 1, Scalearn.Cluster.Wire.WireLimits.InlineInputBytes);
        Assert.All(blobBytes.Values, bytes => Assert.Equal(new DatasetBlob(data).Length, bytes));
        Assert.InRange(statistics.InlineInputs, 1, statistics.TaskMessages);
        Assert.Equal(statistics.InlineInputs * folds.Length, statistics.InlineInputBytes);
        Assert.InRange(blobBytes.Count, 1, 2);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task KilledWorkerMidSearchChangesNoResult()
    {
        string broker = Broker.ForCluster("kill");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "kill");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = TestData.Load("digits");

        // Forests of 20 trees, so the search lasts seconds: with single trees all 120 fits could finish before the
        // victim's first " ok" line reached this process.
        var local = await Search(new Ensemble.RandomForestClassifier { NEstimators = 20, RandomState = 0 }, TreeGrid, new LocalExecutor(2)).FitAsync(data);
        var victim = workers.Workers[0];
        int killedAt = -1;
        var search = Search(new Ensemble.RandomForestClassifier { NEstimators = 20, RandomState = 0 }, TreeGrid, executor);
        search.Progress = new SyncProgress<JobProgress>(p =>
        {
            if (p.Done >= 3 && killedAt < 0 && victim.Output.Contains(" ok"))
            {
                killedAt = p.Done;
                victim.Kill();
            }
        });
        var remote = await search.FitAsync(data);

        Assert.True(killedAt > 0 && killedAt < remote.CvResults.Count * 5, $"worker killed after {killedAt} results");
        await JobsPredictTests.AssertKilledAsync(victim);
        AssertSameScores(local.CvResults, remote.CvResults, workers.Output);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task SigtermedWorkerFinishesItsTasksAndExitsWhileTheSearchCompletes()
    {
        string broker = Broker.ForCluster("term");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "term");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = TestData.Load("digits");

        var local = await Search(new DecisionTreeClassifier { RandomState = 0 }, TreeGrid, new LocalExecutor(2)).FitAsync(data);
        var leaving = workers.Workers[0];
        Task<bool>? terminated = null;
        var search = Search(new DecisionTreeClassifier { RandomState = 0 }, TreeGrid, executor);
        search.Progress = new SyncProgress<JobProgress>(p =>
        {
            if (p.Done >= 3 && terminated is null && leaving.Output.Contains(" ok"))
                terminated = leaving.TerminateAsync(TimeSpan.FromSeconds(30));
        });
        var remote = await search.FitAsync(data);

        Assert.NotNull(terminated);
        Assert.True(await terminated, "the worker did not exit after SIGTERM\n" + workers.Output);
        Assert.Equal(0, leaving.ExitCode);
        Assert.Contains("stopping", leaving.Output);
        AssertSameScores(local.CvResults, remote.CvResults, workers.Output);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task TheBestCandidateIsRefittedOnAWorkerWithTheSameModel()
    {
        string broker = Broker.ForCluster("refit");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "refit");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = TestData.Load("wine");
        GridSearch Refitting(ITaskExecutor on) => new(new DecisionTreeClassifier(), ParamGrid.Parse(TreeGrid)) { Executor = on, Seed = 3 };

        var local = await Refitting(new LocalExecutor(2)).FitAsync(data);
        var remote = await Refitting(executor).FitAsync(data);

        await workers.WaitForOutputAsync(o => o.Contains("scalearn.fit-model") && o.Contains(" ok"), TimeSpan.FromSeconds(10));
        var expected = ((Scalearn.Estimators.IPredictor)local.BestModel!).Predict(data);
        Assert.Equal(expected, ((Scalearn.Estimators.IPredictor)remote.BestModel!).Predict(data));
        Assert.Equal(local.BestSpec, remote.BestSpec);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task FailingFitIsRecordedPerErrorScoreAndNotRetried()
    {
        string broker = Broker.ForCluster("poison");
        await using var workers = await WorkerProcesses.StartAsync(broker, 2, "poison");
        await using var executor = await ClusterExecutor.ConnectAsync(broker);
        var data = TestData.Load("iris");
        const string grid = """{"strategy":["constant"],"constant":[0,1,42]}""";

        var result = await Search(new DummyClassifier(), grid, executor).FitAsync(data);

        Assert.Null(result.CvResults.Errors[0]);
        Assert.Contains("constant", result.CvResults.Errors[2]);
        Assert.All(Enumerable.Range(0, 5), k => Assert.True(double.IsNaN(result.CvResults.Numbers($"split{k}_test_score")[2])));
        Assert.Equal(1.0 / 3, result.CvResults.Numbers("mean_test_score")[0], 10);
        Assert.Equal(15, executor.Statistics.Tasks);   // every fit sent once: the failing ones were not retried

        var raising = Search(new DummyClassifier(), grid, executor);
        raising.ErrorScore = null;
        var e = await Assert.ThrowsAsync<SearchFitException>(() => raising.FitAsync(data));
        Assert.Contains("constant", e.Message);
    }

    [BrokerFact(Timeout = 90_000)]
    public async Task DuplicateDeliveriesAreCountedOnce()
    {
        string broker = Broker.ForCluster("dup");
        await using var workers = await WorkerProcesses.StartAsync(broker, 1, "dup");
        await using var executor = await ClusterExecutor.ConnectAsync(broker, new ClusterOptions { SendEveryMessageTwice = true });
        var data = TestData.Load("iris");
        const string grid = """{"var_smoothing":[1e-9,1e-3,1e-1,1]}""";

        var local = await Search(new GaussianNB(), grid, new LocalExecutor(1)).FitAsync(data);
        var remote = await Search(new GaussianNB(), grid, executor).FitAsync(data);

        Assert.Equal(20, executor.Statistics.Tasks);
        // Second copies that finish after the search are counted as they arrive.
        for (int i = 0; i < 100 && executor.Statistics.DuplicateResults == 0; i++) await Task.Delay(100);
        Assert.True(executor.Statistics.DuplicateResults > 0, "the second copies were not seen as duplicates");
        AssertSameScores(local.CvResults, remote.CvResults, workers.Output);
    }

    private static GridSearch Search(IEstimator estimator, string grid, ITaskExecutor executor) =>
        new(estimator, ParamGrid.Parse(grid)) { Executor = executor, Refit = false };

    internal static void AssertSameScores(CvResults expected, CvResults actual, string diagnostics)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        foreach (var column in expected.Columns.Where(c => c.Contains("_test_") || c.Contains("_train_")))
        {
            var e = expected.Numbers(column).Select(BitConverter.DoubleToInt64Bits).ToArray();
            var a = actual.Numbers(column).Select(BitConverter.DoubleToInt64Bits).ToArray();
            Assert.True(e.SequenceEqual(a), $"column {column} differs\n{diagnostics}");
        }
        Assert.Equal(expected.Errors, actual.Errors);
    }
}
