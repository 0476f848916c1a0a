using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.Trees;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Single-threaded RandomForestClassifier(n_estimators=100, random_state=0) fits on all of digits with max_features
/// sqrt (default), 10 and 1; median of the repeats (at least 3). Compare with scikit-learn's n_jobs=1 fit.
/// </summary>
public sealed class RfFitWorkload : IWorkload
{
    public string Name => "rf_fit";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = DigitsCsv.Load("digits");
        int repeats = Math.Max(3, options.Repeats);
        var result = new Dictionary<string, object?>();
        double total = 0;
        foreach (var (label, maxFeatures) in new[] { ("sqrt", MaxFeatures.Sqrt), ("mf10", MaxFeatures.Of(10)), ("mf1", MaxFeatures.Of(1)) })
        {
            var estimator = new RandomForestClassifier { RandomState = 0, NJobs = 1, MaxFeatures = maxFeatures };
            estimator.Fit(data); // warm-up: JIT and the per-dataset feature encoding
            var times = new List<double>();
            for (int r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                var model = (RandomForestClassifierModel)estimator.Fit(data);
                times.Add(watch.Elapsed.TotalSeconds);
                result[$"{label}_nodes_per_tree"] = model.Trees.Average(t => t.NodeCount);
            }
            times.Sort();
            result[$"{label}_seconds"] = times[times.Count / 2];
            total += times[times.Count / 2];
        }
        result["seconds"] = total;
        return result;
    }
}
