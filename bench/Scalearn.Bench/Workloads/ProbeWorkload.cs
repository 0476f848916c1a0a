using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.Trees;

namespace Scalearn.Bench.Workloads;

public sealed class ProbeWorkload : IWorkload
{
    public string Name => "probe";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = GeneratedData.Load("classification_50000x30", "rf_cv_continuous_sklearn.py");
        var train = data.Rows(Enumerable.Range(0, 33334).ToArray());
        var result = new Dictionary<string, object?>();
        new RandomForestClassifier { NEstimators = 2, NJobs = 1, RandomState = 0 }.Fit(train);
        var cpus = new List<double>();
        RandomForestClassifierModel? m = null;
        for (int r = 0; r < options.Repeats; r++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            m = (RandomForestClassifierModel)new RandomForestClassifier { NEstimators = 10, NJobs = 1, RandomState = 0 }.Fit(train);
            cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
        }
        result["rf10_cpu"] = Median.Of(cpus);
        result["nodes"] = m!.Trees.Average(t => t.NodeCount);
        var test = data.Rows(Enumerable.Range(33334, 50000 - 33334).ToArray());
        result["acc"] = m.Score(test);
        return result;
    }
}
