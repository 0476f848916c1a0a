using System.Diagnostics;
using Scalearn.Data;
using Scalearn.Estimators;
using Scalearn.Ensemble;
using Scalearn.Metrics;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// rf_fit_200k: one fit of RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0) on
/// make_classification(200,000 x 20, n_informative=10, random_state=0), median of the repeats; the hold-out accuracy
/// (train on the first two thirds, test on the last third) checks quality. Peer: rf_fit_200k_sklearn.py.
/// </summary>
public sealed class RfFit200kWorkload : IWorkload
{
    public string Name => "rf_fit_200k";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = GeneratedData.Load("classification_200000x20", "rf_fit_200k_sklearn.py");
        var times = new List<double>();
        RandomForestClassifierModel? model = null;
        for (int r = 0; r < options.Repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            model = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 100, NJobs = -1, RandomState = 0 }.Fit(data);
            times.Add(clock.Elapsed.TotalSeconds);
        }
        int split = 2 * data.Count / 3;
        var train = data.Rows(Enumerable.Range(0, split).ToArray());
        var test = data.Rows(Enumerable.Range(split, data.Count - split).ToArray());
        var holdout = new RandomForestClassifier { NEstimators = 100, NJobs = -1, RandomState = 0 }.Fit(train);
        return new Dictionary<string, object?>
        {
            ["seconds"] = Math.Round(Median.Of(times), 3),
            ["runs"] = times.Count,
            ["holdout_accuracy"] = Math.Round(ClassificationMetrics.Accuracy(test.Targets(), ((IClassifierModel)holdout).Predict(test)), 4),
            ["nodes_per_tree"] = Math.Round(model!.Trees.Average(t => t.NodeCount), 1),
            ["cores"] = Environment.ProcessorCount,
        };
    }
}
