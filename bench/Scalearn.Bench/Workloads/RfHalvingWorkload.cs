using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Ensemble;
using Scalearn.Execution;
using Scalearn.ModelSelection;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_halving_full of reference.md: HalvingGridSearch(RandomForestClassifier(random_state=0), the spark-sklearn digits grid,
/// cv=3, factor=3) next to the full GridSearch of the same grid in the same run: time ratio and best-score gap.
/// Peer: rf_halving_sklearn.py (HalvingGridSearchCV, n_jobs=-1).
/// </summary>
public sealed class RfHalvingWorkload : IWorkload
{
    public string Name => "rf_halving_full";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var digits = BundledDatasets.Load("digits");
        var halving = new List<double>();
        var full = new List<double>();
        SearchResult? h = null, f = null;
        HalvingGridSearch? search = null;
        for (int r = 0; r < options.Repeats; r++)
        {
            search = new HalvingGridSearch(new RandomForestClassifier { RandomState = 0 }, ParamGrid.Parse(RfGrid.Full))
            {
                Cv = new StratifiedKFold(3), Factor = 3, Executor = new LocalExecutor(),
            };
            var clock = Stopwatch.StartNew();
            h = search.Fit(digits);
            halving.Add(clock.Elapsed.TotalSeconds);
            clock.Restart();
            f = new GridSearch(new RandomForestClassifier { RandomState = 0 }, ParamGrid.Parse(RfGrid.Full)) { Cv = new StratifiedKFold(3), Executor = new LocalExecutor() }.Fit(digits);
            full.Add(clock.Elapsed.TotalSeconds);
        }
        double hs = Median.Of(halving), fs = Median.Of(full);
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(hs, 3),
            ["full_grid_seconds"] = Math.Round(fs, 3),
            ["time_ratio"] = Math.Round(hs / fs, 3),
            ["best_score"] = Math.Round(h!.BestScore, 4),
            ["full_grid_best_score"] = Math.Round(f!.BestScore, 4),
            ["score_gap"] = Math.Round(f.BestScore - h.BestScore, 4),
            ["n_candidates"] = search!.CandidatesPerIteration.ToArray(),
            ["n_resources"] = search.ResourcesPerIteration.ToArray(),
            ["best_params"] = TuneSummary.Params(h.BestParams),
            ["runs"] = halving.Count,
        };
    }
}
