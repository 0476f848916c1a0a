using Scalearn.Data;
using System.Diagnostics;
using Scalearn.Ensemble;
using Scalearn.Trees;

namespace Scalearn.Bench.Workloads;

/// <summary>
/// Single-threaded RandomForestClassifier(n_estimators=100, random_state=0) fits on all of digits with max_features
/// sqrt (default), 10 and 1, and RandomForestRegressor(n_estimators=100, random_state=0) on diabetes; median of the repeats (at least 3), wall clock and process CPU time (steadier on a busy machine). Compare with scikit-learn's n_jobs=1 fit.
/// </summary>
public sealed class RfFitWorkload : IWorkload
{
    public string Name => "rf_fit";

    public IReadOnlyDictionary<string, object?> Run(BenchOptions options)
    {
        var data = BundledDatasets.Load("digits");
        int repeats = Math.Max(3, options.Repeats);
        var result = new Dictionary<string, object?>();
        double total = 0;
        foreach (var (label, maxFeatures) in new[] { ("sqrt", MaxFeatures.Sqrt), ("mf10", MaxFeatures.Of(10)), ("mf1", MaxFeatures.Of(1)) })
        {
            var estimator = new RandomForestClassifier { RandomState = 0, NJobs = 1, MaxFeatures = maxFeatures };
            estimator.Fit(data); // warm-up: JIT and the per-dataset feature encoding
            var times = new List<double>();
            var cpuTimes = new List<double>();
            for (int r = 0; r < repeats; r++)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                var model = (RandomForestClassifierModel)estimator.Fit(data);
                times.Add(watch.Elapsed.TotalSeconds);
                cpuTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                result[$"{label}_nodes_per_tree"] = model.Trees.Average(t => t.NodeCount);
            }
            double seconds = Median.Of(times);
            result[$"{label}_cpu_seconds"] = Median.Of(cpuTimes);
            result[$"{label}_seconds"] = seconds;
            total += seconds;
        }
        var diabetes = BundledDatasets.Load("diabetes");
        var regressor = new RandomForestRegressor { RandomState = 0, NJobs = 1 };
        regressor.Fit(diabetes);
        var regressorTimes = new List<(double Wall, double Cpu)>();
        for (int r = 0; r < repeats; r++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            regressor.Fit(diabetes);
            regressorTimes.Add((watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
        }
        result["diabetes_regressor_seconds"] = Median.Of(regressorTimes.Select(t => t.Wall));
        result["diabetes_regressor_cpu_seconds"] = Median.Of(regressorTimes.Select(t => t.Cpu));
        result["seconds"] = total;
        return result;
    }
}
