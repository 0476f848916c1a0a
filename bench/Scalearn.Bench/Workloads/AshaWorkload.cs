using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Execution;
using Scalearn.Linear;
using Scalearn.ModelSelection;
using Scalearn.ModelSelection.Tuning;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// ASHA on SGDClassifier (alpha, penalty, l1_ratio, learning_rate, eta0; epochs of partial_fit as the resource, up to
/// 27) on digits, next to a 60-trial random search that trains every trial for the full 27 epochs: best CV accuracy
/// and total epochs trained, per seed and on average.
/// </summary>
public sealed class AshaWorkload : IWorkload
{
    private const string Space = """{"alpha":{"loguniform":[1e-6,1e-1]},"penalty":["l2","l1","elasticnet"],"l1_ratio":{"uniform":[0,1]},"learning_rate":["optimal","invscaling","adaptive"],"eta0":{"loguniform":[1e-4,1]}}""";
    private const int MaxEpochs = 27;

    public string Name => "asha_sgd_digits";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var digits = BundledDatasets.Load("digits");
        int seeds = Math.Max(3, options.Repeats);
        var rows = new List<object>();
        double ashaBest = 0, randomBest = 0, ashaEpochs = 0, randomEpochs = 0, ashaSeconds = 0, randomSeconds = 0;
        for (int seed = 0; seed < seeds; seed++)
        {
            var asha = Search(seed, nTrials: 60, minEpochs: 1);
            var random = Search(seed, nTrials: 60, minEpochs: MaxEpochs);
            var clock = Stopwatch.StartNew();
            var a = asha.Fit(digits);
            double aSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var r = random.Fit(digits);
            double rSeconds = clock.Elapsed.TotalSeconds;
            rows.Add(new { seed, asha_best = Math.Round(a.BestScore, 4), random_best = Math.Round(r.BestScore, 4), asha_epochs = asha.EpochsRun, random_epochs = random.EpochsRun });
            ashaBest += a.BestScore / seeds;
            randomBest += r.BestScore / seeds;
            ashaEpochs += asha.EpochsRun / (double)seeds;
            randomEpochs += random.EpochsRun / (double)seeds;
            ashaSeconds += aSeconds / seeds;
            randomSeconds += rSeconds / seeds;
        }
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(ashaSeconds, 3),
            ["random_seconds"] = Math.Round(randomSeconds, 3),
            ["asha_mean_best"] = Math.Round(ashaBest, 4),
            ["random_mean_best"] = Math.Round(randomBest, 4),
            ["score_gap"] = Math.Round(randomBest - ashaBest, 4),
            ["asha_epochs"] = Math.Round(ashaEpochs),
            ["random_epochs"] = Math.Round(randomEpochs),
            ["epoch_ratio"] = Math.Round(ashaEpochs / randomEpochs, 3),
            ["seeds"] = rows,
        };
    }

    /// <summary>minEpochs = MaxEpochs makes ASHA a plain random search of full-length trials.</summary>
    private static AshaSearch Search(int seed, int nTrials, int minEpochs) => new(new SGDClassifier(), SearchSpace.Parse(Space))
    {
        NTrials = nTrials, MinEpochs = minEpochs, MaxEpochs = MaxEpochs, Seed = seed, Cv = new StratifiedKFold(3, shuffle: true, randomState: seed),
        Executor = new LocalExecutor(),
    };
}
