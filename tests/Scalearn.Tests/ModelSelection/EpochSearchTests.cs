using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Execution;
using Scalearn.Linear;
using Scalearn.Metrics;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.Tests.ModelSelection;

public sealed class EpochSearchTests
{
    private const string Space = """{"alpha":{"loguniform":[1e-6,1e-1]},"penalty":["l2","l1","elasticnet"],"l1_ratio":{"uniform":[0,1]},"learning_rate":["optimal","invscaling","adaptive"],"eta0":{"loguniform":[1e-4,1]}}""";

    [Fact]
    public void AContinuedLearnerScoresExactlyAsOneTrainedFromScratch()
    {
        var data = TestData.Load("digits");
        var folds = new StratifiedKFold(3).Split(data);
        var context = new TaskContext("test", id => id == data.ContentHash ? data : folds, new ResidentCache(1 << 26), default);
        var spec = EstimatorSpec.Of(new SGDClassifier { RandomState = 1 });
        FitTask Task(int candidate, int from, int to, string held) =>
            new(candidate, 1, spec, [Scorers.Get("accuracy")], false, data.ContentHash, folds.ContentHash) { Epochs = new EpochPlan(from, to, held) };

        var first = FitScoreKind.Instance.Run(Task(0, 0, 3, new string('a', 64)), context);
        var continued = FitScoreKind.Instance.Run(Task(1, 3, 9, new string('a', 64)), context);
        var fresh = FitScoreKind.Instance.Run(Task(2, 3, 9, new string('b', 64)), context);   // nothing held: trains 9 from zero

        Assert.Equal((3, 6, 9), (first.EpochsRun, continued.EpochsRun, fresh.EpochsRun));
        Assert.Equal(BitConverter.DoubleToInt64Bits(fresh.TestScores[0]), BitConverter.DoubleToInt64Bits(continued.TestScores[0]));
    }

    [Fact]
    public void AshaPromotesOnlyTheTopThirdAndCountsEpochsOnce()
    {
        var search = new AshaSearch(new SGDClassifier(), SearchSpace.Parse(Space))
        {
            NTrials = 12, MinEpochs = 1, MaxEpochs = 9, Parallelism = 1, Seed = 2, Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2),
        };
        var result = search.Fit(TestData.Load("digits"));
        var cv = result.CvResults;
        var iters = cv.Column("iter").Select(v => (long)v!).ToArray();
        Assert.Equal(12, iters.Count(i => i == 0));
        // Asynchronous promotions may exceed n/eta (an early top third can later fall out of it), never the rung below.
        Assert.InRange(iters.Count(i => i == 1), 12 / 3, 12 - 1);
        Assert.InRange(iters.Count(i => i == 2), 1, iters.Count(i => i == 1) - 1);
        Assert.Equal(new long[] { 1, 3, 9 }, cv.Column("n_resources").Select(v => (long)v!).Distinct().Order());
        // Each configuration's epochs are trained once: its highest rung's epochs, on each of 3 splits.
        var highest = cv.Params.Select((p, i) => (Params: Estimators.RawJson.ToJson(p), Epochs: (long)cv.Column("n_resources")[i]!))
            .GroupBy(x => x.Params).Sum(g => g.Max(x => x.Epochs));
        Assert.Equal(highest * 3, search.EpochsRun);
        Assert.Equal(2L, iters[result.BestIndex]);
        Assert.NotNull(result.BestModel);
    }

    [Fact]
    public void AshaIsDeterministicWithOneInFlight()
    {
        AshaSearch Search() => new(new SGDClassifier(), SearchSpace.Parse(Space))
        {
            NTrials = 9, MaxEpochs = 9, Parallelism = 1, Seed = 7, Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2), Refit = false,
        };
        var a = Search().Fit(TestData.Load("digits")).CvResults;
        var b = Search().Fit(TestData.Load("digits")).CvResults;
        Assert.Equal(a.Numbers("mean_test_score"), b.Numbers("mean_test_score"));
        Assert.Equal(a.Column("iter"), b.Column("iter"));
    }

    [Fact]
    public void HyperbandRunsEveryBracket()
    {
        var search = new HyperbandSearch(new SGDClassifier(), SearchSpace.Parse(Space))
        {
            MaxEpochs = 9, Seed = 1, Cv = new StratifiedKFold(3), Executor = new LocalExecutor(2), Refit = false,
        };
        var cv = search.Fit(TestData.Load("iris")).CvResults;
        // R = 9, eta = 3: brackets of 9, 5 and 3 configurations starting at 1, 3 and 9 epochs.
        var first = cv.Column("n_resources").Zip(cv.Column("iter")).Select(p => ((long)p.First!, (long)p.Second!)).ToArray();
        Assert.Equal(9, first.Count(r => r == (1, 0)));
        Assert.Equal(3 + 5, first.Count(r => r == (3, 1)));   // 3 promoted in bracket 0, 5 started in bracket 1
        Assert.Equal(1 + 1 + 3, first.Count(r => r == (9, 2)));
    }

    [Fact]
    public void AnEstimatorWithoutPartialFitIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new AshaSearch(new Scalearn.Trees.DecisionTreeClassifier(), SearchSpace.Parse("""{"max_depth":[1,2]}""")));
        Assert.Contains("partial_fit", e.Message);
    }
}
